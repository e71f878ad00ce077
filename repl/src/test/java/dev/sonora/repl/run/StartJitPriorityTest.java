package dev.sonora.repl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The start lowers HotSpot's C2 threads to nice 19 and gives them their priority back once the
 * kernels are warm, where the system allows it (Linux; as root, or with RLIMIT_NICE).
 */
class StartJitPriorityTest {

    @Test
    void c2YieldsDuringTheStartAndGetsItsPriorityBack() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: not Linux");
        List<Path> c2 = compilerThreads();
        assumeTrue(!c2.isEmpty(), "this JVM has no C2 compiler thread");
        int before = nice(c2.get(0));
        StartJitPriority.lower();
        long end = System.nanoTime() + 10_000_000_000L;
        while (nice(c2.get(0)) != 19 && System.nanoTime() < end) Thread.sleep(5);
        for (Path t : c2) assertEquals(19, nice(t), "C2 at the lowest priority during the start: " + t);
        boolean back = StartJitPriority.restore();
        for (Path t : c2) assertEquals(back ? before : 19, nice(t), "restored=" + back + ": " + t);
    }

    private static List<Path> compilerThreads() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                if (Files.readString(t.resolve("comm")).startsWith("C2 CompilerThre")) out.add(t);
            }
        }
        return out;
    }

    /** Field 19 of /proc/.../stat, counted after the command name in parentheses. */
    private static int nice(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[16]);
    }
}
