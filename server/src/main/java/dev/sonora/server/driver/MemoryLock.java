package dev.sonora.server.driver;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;

/**
 * Keeps every page the live process has touched, and every page it touches later, in memory
 * ({@code mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)}), where Linux permits it (root,
 * CAP_IPC_LOCK, or a {@code memlock} limit large enough), as JACK and other audio programs do.
 *
 * <p>Why: the kernel reclaims memory that has not been used for a while, and with no swap the
 * pages it can take are the mapped files: the JVM's own code, the JDK's class archive and the
 * start-up cache. A page taken is read back from disk on its next use, by whichever thread uses
 * it, the audio thread included (docs/performance.md, "What the xruns are"). {@code MCL_ONFAULT}
 * locks pages as they are first touched instead of reading in every mapping at once: the heap's
 * reserved ranges and the threads' stacks stay as small as they are.
 *
 * <p>Called once, by the thread that starts live audio, after the warm-up; never for renders.
 */
public final class MemoryLock {
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    private static final int MCL_ONFAULT = 4;
    private static final int EPERM = 1;
    private static final int ENOMEM = 12;
    private static final int EINVAL = 22;

    private MemoryLock() {
    }

    /** Locks the process's memory; returns what happened, in words the start line can carry. */
    public static String lockAll() {
        if (!Platform.isLinux()) return "memory not locked (done on Linux only)";
        try {
            LinuxCalls.INSTANCE.mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT);
            return "memory locked";
        } catch (LastErrorException e) {
            String why = switch (e.getErrorCode()) {
                case EPERM, ENOMEM -> "not permitted: allow it with a memlock limit, e.g. '@audio - memlock unlimited' in /etc/security/limits.conf";
                case EINVAL -> "this kernel cannot lock pages as they are touched (Linux 4.4 or later can)";
                default -> "refused (errno " + e.getErrorCode() + ")";
            };
            return "memory not locked (" + why + ")";
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "memory not locked (" + e.getMessage() + ")";
        }
    }

    /** Undoes {@link #lockAll} (tests). */
    static void unlockAll() {
        if (Platform.isLinux()) LinuxCalls.INSTANCE.munlockall();
    }
}
