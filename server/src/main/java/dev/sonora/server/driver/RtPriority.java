package dev.sonora.server.driver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;

/**
 * Asks the OS to run the calling thread (the audio thread of the javax.sound and null drivers)
 * with real-time scheduling, {@code SCHED_FIFO} at {@link #PRIORITY}, where Linux grants it
 * (root, CAP_SYS_NICE, or an {@code rtprio} limit). JACK's callback thread needs none of this:
 * the JACK server already made it real-time. Where it is refused the thread keeps Java's
 * highest priority and {@link #describe()} says why, in words the start line can carry.
 *
 * <p>{@link #requestOnThisThread()} is called once, by the audio thread itself, before its first
 * block; {@link #describe()} from any thread (it waits briefly for that request).
 */
final class RtPriority {
    /** Below JACK's usual 70-95 for its own threads, above everything ordinary. */
    static final int PRIORITY = 60;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;

    private final CountDownLatch asked = new CountDownLatch(1);
    private volatile String result = "normal priority (real-time scheduling not asked for yet)";

    /** Tries SCHED_FIFO for the calling thread. Audio thread, once, before its first block. */
    void requestOnThisThread() {
        try {
            result = request();
        } finally {
            asked.countDown();
        }
    }

    private static String request() {
        if (!Platform.isLinux()) return "normal priority (real-time scheduling is asked for on Linux only)";
        try {
            LinuxCalls.INSTANCE.sched_setscheduler(0, SCHED_FIFO, new int[] {PRIORITY}); // pid 0: the calling thread
            return "real-time priority (SCHED_FIFO " + PRIORITY + ")";
        } catch (LastErrorException e) {
            String why = e.getErrorCode() == EPERM
                    ? "not permitted: allow it with an rtprio limit, e.g. '@audio - rtprio 95' in /etc/security/limits.conf"
                    : "refused (errno " + e.getErrorCode() + ")";
            return "normal priority (real-time scheduling " + why + ")";
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "normal priority (real-time scheduling unavailable: " + e.getMessage() + ")";
        }
    }

    /** What the audio thread got. Any thread; waits up to a second for the request. */
    String describe() {
        try {
            asked.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    /** The calling thread's scheduling policy (0 = normal, 1 = SCHED_FIFO); -1 where unknown. Any thread. */
    static int policyOfThisThread() {
        if (!Platform.isLinux()) return -1;
        try {
            return LinuxCalls.INSTANCE.sched_getscheduler(0);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return -1;
        }
    }
}
