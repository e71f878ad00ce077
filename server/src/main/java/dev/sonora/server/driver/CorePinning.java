package dev.sonora.server.driver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Gives the audio thread a core of its own: the audio thread moves itself onto the last CPU the
 * process may use, and a keeper thread moves every other thread of the JVM (the JS thread, the
 * JIT compilers, the collector, threads made later) onto the remaining ones.
 *
 * <p>Why: on a 2-core machine the soak's slow blocks were mostly the first block of a JACK
 * period, the audio thread woken onto a core where the JIT, the collector or the JS thread had
 * just run. Moving those off its core by hand cut slow blocks to about a ninth
 * (docs/performance.md). Other processes still run where Linux puts them; a real-time thread
 * preempts them.
 *
 * <p>Threads: made and closed by the thread that starts audio; {@link #audioThreadEnters()} by
 * each audio thread once, as it enters the block loop (two system calls, no allocation); the
 * keeper ({@code sonora-core-keeper}), started by {@link #keepOthersOff()}, is a daemon that looks for new threads every
 * {@link #SWEEP_MILLIS} ms.
 */
public final class CorePinning implements AutoCloseable {
    static final long SWEEP_MILLIS = 250;
    private static final int MASK_WORDS = 16; // a cpu_set_t: 1024 CPUs
    private static final long MASK_BYTES = 8L * MASK_WORDS;
    /** Threads (by name) left on every CPU: an experiment's knob (-Dsonora.cpuShared=sonora-lang,...). */
    private static final Set<String> SHARED_NAMES = Set.of(System.getProperty("sonora.cpuShared", "").split(","))
            .stream().filter(n -> !n.isBlank()).collect(Collectors.toSet());

    private final int audioCpu;
    private final long[] audioMask = new long[MASK_WORDS];
    private final long[] othersMask = new long[MASK_WORDS];
    private final long[] allMask;
    private volatile int audioTid = -1;
    private volatile boolean closed;
    private final Thread keeper;
    private final Set<Integer> moved = new HashSet<>(); // keeper only

    private CorePinning(long[] allowed, int audioCpu) {
        this.allMask = allowed;
        this.audioCpu = audioCpu;
        for (int w = 0; w < MASK_WORDS; w++) othersMask[w] = allowed[w];
        othersMask[audioCpu >> 6] &= ~(1L << (audioCpu & 63));
        audioMask[audioCpu >> 6] = 1L << (audioCpu & 63);
        keeper = new Thread(this::keep, "sonora-core-keeper");
        keeper.setDaemon(true);
    }

    /**
     * Reserves the last CPU this process may use for the audio thread ({@link #keepOthersOff()}
     * then starts the keeper); null when there is nothing to gain or no way to do it ({@code why} then holds the reason,
     * in words for the start line).
     */
    public static CorePinning reserveLastCpu(StringBuilder why) {
        if (!Platform.isLinux()) {
            why.append("the audio thread shares the cores (pinning is done on Linux only)");
            return null;
        }
        long[] allowed = new long[MASK_WORDS];
        try {
            if (Libc.sched_getaffinity(0, MASK_BYTES, allowed) != 0) {
                why.append("the audio thread shares the cores (the CPU list could not be read)");
                return null;
            }
        } catch (UnsatisfiedLinkError e) {
            why.append("the audio thread shares the cores (").append(e.getMessage()).append(')');
            return null;
        }
        int count = 0, last = -1;
        for (int cpu = 0; cpu < 64 * MASK_WORDS; cpu++) {
            if ((allowed[cpu >> 6] & (1L << (cpu & 63))) != 0) {
                count++;
                last = cpu;
            }
        }
        if (count < 2) {
            why.append("the audio thread shares the only CPU this process may use");
            return null;
        }
        return new CorePinning(allowed, last);
    }

    /**
     * Starts moving the other threads off the audio thread's CPU. Separate from the reservation so
     * that a start-up (the JS context, the JIT's first compilations) can still use every CPU while
     * the audio thread already sits alone. Idempotent. Any thread.
     */
    public synchronized void keepOthersOff() {
        if (!closed && keeper.getState() == Thread.State.NEW) keeper.start();
    }

    /** The CPU kept for the audio thread. Any thread. */
    public int audioCpu() {
        return audioCpu;
    }

    /** Audio thread, once as it enters the block loop: moves itself onto its core. Allocates nothing. */
    public void audioThreadEnters() {
        if (closed) return;
        audioTid = Libc.gettid(); // before pinning: the keeper's check after a move relies on this order
        Libc.sched_setaffinity(0, MASK_BYTES, audioMask);
    }

    /** The Linux id of the audio thread that last entered, or -1. Any thread. */
    public int audioTid() {
        return audioTid;
    }

    private void keep() {
        while (!closed) {
            sweep();
            LockSupport.parkNanos(SWEEP_MILLIS * 1_000_000L);
        }
    }

    /** Moves every thread but the audio thread off its core, once per thread. Keeper only. */
    private void sweep() {
        Set<Integer> alive = new HashSet<>();
        int rt = audioTid;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                alive.add(tid);
                if (tid == rt || moved.contains(tid)) continue;
                if (!SHARED_NAMES.isEmpty() && SHARED_NAMES.contains(nameOf(task))) {
                    moved.add(tid); // left on every CPU
                    continue;
                }
                // a thread that ended between the listing and here is simply not moved
                if (Libc.sched_setaffinity(tid, MASK_BYTES, othersMask) == 0) moved.add(tid);
                // an audio thread entering meanwhile published its id before pinning itself: if
                // it is the one just moved, its own pinning may have come first, so put it back
                if (audioTid == tid) Libc.sched_setaffinity(tid, MASK_BYTES, audioMask);
            }
        } catch (IOException | NumberFormatException e) {
            return; // no /proc: try again at the next sweep
        }
        moved.retainAll(alive); // ids are reused: a new thread under an old id is moved again
        moved.remove(rt);
    }

    private static String nameOf(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the keeper and lets every thread use every CPU again. The thread that made it. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        keeper.interrupt();
        try {
            keeper.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) Libc.sched_setaffinity(Integer.parseInt(task.getFileName().toString()), MASK_BYTES, allMask);
        } catch (IOException | NumberFormatException e) {
            // the process is going away with its threads
        }
    }

    /** One line for the start line. */
    public String describe() {
        return "audio thread on CPU " + audioCpu + " alone";
    }

    /** libc, mapped directly: primitive arguments, so a call allocates nothing on the Java heap. */
    private static final class Libc {
        static {
            Native.register("c");
        }

        static native int gettid();

        static native int sched_setaffinity(int tid, long bytes, long[] mask);

        static native int sched_getaffinity(int tid, long bytes, long[] mask);
    }
}
