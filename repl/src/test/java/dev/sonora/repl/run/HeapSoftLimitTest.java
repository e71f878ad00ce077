package dev.sonora.repl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class HeapSoftLimitTest {
    private static final long MB = 1L << 20;

    @Test
    void theLimitStaysWhileTheDataFillsAtMostHalfOfIt() {
        assertEquals(256 * MB, HeapSoftLimit.next(256 * MB, 0, 6000 * MB));
        assertEquals(256 * MB, HeapSoftLimit.next(256 * MB, 128 * MB, 6000 * MB));
    }

    @Test
    void beyondHalfItBecomesTwiceTheDataInStepsOf64Mb() {
        assertEquals(320 * MB, HeapSoftLimit.next(256 * MB, 129 * MB, 6000 * MB)); // 258 MB → 320
        assertEquals(1024 * MB, HeapSoftLimit.next(256 * MB, 512 * MB, 6000 * MB));
    }

    @Test
    void itNeverFallsAndNeverPassesTheMaximumHeap() {
        assertEquals(1024 * MB, HeapSoftLimit.next(1024 * MB, 100 * MB, 6000 * MB));
        assertEquals(1000 * MB, HeapSoftLimit.next(256 * MB, 900 * MB, 1000 * MB));
    }

    @Test
    void underZgcWithTheLaunchersOptionTheLimitFollowsTheLiveData() throws Exception {
        // 150 MB kept alive against a 64 MB limit: the limit must become 2 × 150 MB rounded up
        // to 64 MB steps (320 MB), and the JVM's option with it
        String out = probe("-XX:+UseZGC", "-XX:SoftMaxHeapSize=64m", "-Xmx1g", "150");
        assertTrue(out.startsWith("limit "), out);
        String[] f = out.split(" ");
        long limit = Long.parseLong(f[1]);
        assertTrue(limit >= 320 * MB && limit <= 1024 * MB, out);
        assertEquals(f[1], f[3], out);
    }

    @Test
    void withoutTheOptionOrUnderAnotherCollectorItDoesNothing() throws Exception {
        assertEquals("off", probe("-XX:+UseZGC", "-Xmx1g", "10"));
        assertEquals("off", probe("-XX:+UseG1GC", "-XX:SoftMaxHeapSize=64m", "-Xmx1g", "10"));
    }

    /** Runs {@link HeapSoftLimitProbe} in a JVM of its own with these options and its argument last. */
    private static String probe(String... optionsThenMb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (int i = 0; i < optionsThenMb.length - 1; i++) cmd.add(optionsThenMb[i]);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeapSoftLimitProbe.class.getName());
        cmd.add(optionsThenMb[optionsThenMb.length - 1]);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end"); // a stop condition, not a threshold
        assertEquals(0, p.exitValue(), out);
        return out.lines().reduce((a, b) -> b).orElse("");
    }
}
