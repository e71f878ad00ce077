package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.JackTestServer;

/**
 * The audio thread allocates nothing when the JIT first compiles what only it runs. HotSpot
 * resolves a class's string literals on the thread that asks for the class's first C2 compile;
 * JACK's process callback is hot only on JACK's thread, and at period 256 its compile comes 25 s
 * into a set, so JACK's thread used to allocate the driver's and JNA's literals (2 KB) then.
 * {@code StringLiterals} makes them before the driver starts. A fresh JVM with the JIT's
 * thresholds at a tenth brings that compile into a few seconds of counting; the same run without
 * the constant-pool access StringLiterals needs shows the allocation the test is there to catch.
 */
class JackFirstCompileTest {
    private static final Pattern ALLOC = Pattern.compile("rt-alloc (\\d+)");
    private static final List<String> LOW_THRESHOLDS = List.of("-XX:+UseZGC", "-XX:CompileThresholdScaling=0.1");

    @Test
    void jacksThreadAllocatesNothingWhenItsCallbackIsFirstCompiled() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, 128)) {
            long with = allocated(ChildJvm.run(ChildJvm.command(LOW_THRESHOLDS, JackFirstCompileChild.class, jack.name(), "6"), 90));
            List<String> line = new ArrayList<>(ChildJvm.command(LOW_THRESHOLDS, JackFirstCompileChild.class, jack.name(), "6").command());
            line.removeAll(ChildJvm.RT_EXPORTS);
            long without = allocated(ChildJvm.run(new ProcessBuilder(line), 90));
            System.out.println("JACK's thread after warm-up, first compiles included: " + with + " B with the literals made first, "
                    + without + " B without");
            assertTrue(without > 0, "without the literals made first, the compile allocates on JACK's thread (this run: "
                    + without + " B); if it no longer does, this test no longer shows anything");
            assertEquals(0, with, "bytes JACK's thread allocated after warm-up, its first compiles included");
        }
    }

    private static long allocated(String out) {
        Matcher m = ALLOC.matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }
}
