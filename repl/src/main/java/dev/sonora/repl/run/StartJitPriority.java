package dev.sonora.repl.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * During a start (live or a render), HotSpot's optimising compiler (C2) yields the CPU to the
 * JavaScript start: its threads get the lowest priority ({@code nice 19}) until the kernels are
 * warm, then their own back where the system lets a process raise a thread's priority again.
 *
 * <p>Why: on two cores the first result came at 3.0 s, with C2 using 1.3 s of CPU on code the
 * start does not wait for, beside the JS thread's 1.4 s; without C2 at all it came at 2.0 s
 * (docs/performance.md, "Start-up and the optimising compiler"); a 10 s render of
 * {@code scripts/beat.js} took 2.5–2.7 s instead of 3.1–3.2 s, whole process, and 60 s renders
 * of the heavy workloads were no slower. C1, whose code the JS start runs
 * on, keeps its priority. Lowering a thread's priority is always allowed; raising it back needs
 * {@code RLIMIT_NICE} (an audio group's limits usually grant it) or root. When it is refused, C2
 * stays at nice 19: it then compiles when a core is free, which on a live machine is most of the
 * time (the audio thread has a core of its own), and the kernels were compiled by the warm-up.
 *
 * <p>Linux only (the compiler threads are found by name in {@code /proc/self/task}); elsewhere,
 * and when libc cannot be reached, it does nothing. {@link #lower} from main, at once, on a
 * short-lived thread of its own (loading libc through JNA takes tens of ms); {@link #restore}
 * from any thread, once, later.
 */
public final class StartJitPriority {
    private static final int PRIO_PROCESS = 0;
    private static final int LOWEST = 19;
    private static final List<int[]> lowered = new ArrayList<>(); // {tid, nice before}; guarded by the class
    private static boolean restored;

    private StartJitPriority() {
    }

    private interface CLib extends Library {
        int getpriority(int which, int who);

        int setpriority(int which, int who, int prio);
    }

    /** Lowers the C2 compiler threads' priority, in the background. */
    public static void lower() {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) return;
        synchronized (StartJitPriority.class) {
            restored = false; // a start begins (once per process, but tests make several)
        }
        Thread t = new Thread(StartJitPriority::lowerNow, "sonora-jit-priority");
        t.setDaemon(true);
        t.start();
    }

    private static void lowerNow() {
        try {
            CLib c = Native.load("c", CLib.class);
            synchronized (StartJitPriority.class) {
                if (restored) return;
                for (int tid : compilerThreads()) {
                    int before = c.getpriority(PRIO_PROCESS, tid);
                    if (c.setpriority(PRIO_PROCESS, tid, LOWEST) == 0) lowered.add(new int[] {tid, before});
                }
            }
        } catch (Throwable e) {
            // no libc to ask: the start is only slower
        }
    }

    /** Gives the C2 threads their priority back, if the system allows it; true when it did (or nothing was lowered). */
    public static boolean restore() {
        synchronized (StartJitPriority.class) {
            restored = true;
            if (lowered.isEmpty()) return true;
            boolean all = true;
            try {
                CLib c = Native.load("c", CLib.class);
                for (int[] t : lowered) all &= c.setpriority(PRIO_PROCESS, t[0], t[1]) == 0;
            } catch (Throwable e) {
                all = false;
            }
            lowered.clear();
            return all;
        }
    }

    /** Thread ids of HotSpot's C2 compiler threads ("C2 CompilerThread0"... shortened to 15 characters by Linux). */
    private static List<Integer> compilerThreads() throws IOException {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("C2 CompilerThre")) {
                        tids.add(Integer.parseInt(task.getFileName().toString()));
                    }
                } catch (IOException | NumberFormatException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return tids;
    }
}
