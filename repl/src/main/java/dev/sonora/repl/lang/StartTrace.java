package dev.sonora.repl.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start-up phases on stderr, when {@code SONORA_TIMING} is set: each {@link #mark} prints the
 * time since the launcher started (it execs the JVM in the same process) and the thread that
 * got there, so the phases of one start can be read side by side
 * (docs/performance.md). {@code SONORA_TIMING=cpu} adds each thread's CPU time at the first
 * result. Any thread; off, a mark is one test of a constant.
 */
public final class StartTrace {
    private static final boolean ON = System.getenv("SONORA_TIMING") != null;
    private static final boolean CPU = "cpu".equals(System.getenv("SONORA_TIMING"));
    private static final long START_MILLIS = ON ? startMillis() : 0;

    private StartTrace() {
    }

    /**
     * When the launcher began (it exports {@code SONORA_T0}, microseconds). Without it, the process's
     * start as the OS gives it, which on Linux is only good to the second (the boot time in
     * /proc/stat is whole seconds): marks then share an unknown offset of up to a second.
     */
    private static long startMillis() {
        try {
            String t0 = System.getenv("SONORA_T0");
            if (t0 != null) return Long.parseLong(t0.trim()) / 1000;
        } catch (NumberFormatException e) {
            // fall through to the OS's figure
        }
        return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
    }

    public static boolean on() {
        return ON;
    }

    /** Prints "at 1.23 s: WHAT [thread]". */
    public static void mark(String what) {
        if (!ON) return;
        System.err.printf(Locale.ROOT, "sonora: at %.3f s: %s [%s]%n", (System.currentTimeMillis() - START_MILLIS) / 1e3, what,
                Thread.currentThread().getName());
    }

    /** With {@code SONORA_TIMING=cpu}: every thread's CPU so far, from /proc (Linux). */
    public static void threadCpu() {
        if (!CPU) return;
        StringBuilder sb = new StringBuilder("sonora: CPU by thread (s):");
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(t.resolve("stat"));
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                String[] f = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime, in Linux's usual 100 ticks a second
                if (ticks >= 2) sb.append(String.format(Locale.ROOT, " %s=%.2f", name, ticks / 100.0));
            }
        } catch (IOException | RuntimeException e) {
            sb.append(" (unavailable: ").append(e.getMessage()).append(')');
        }
        System.err.println(sb);
    }
}
