package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The first note of every unit, and the first of every command, allocate nothing on the audio
 * thread either: every class the audio thread touches is loaded and initialised on the
 * sender side first (loading a class on the audio thread would allocate, and stall it).
 * Needs a fresh JVM, so it runs in a child process.
 */
class FirstUseAllocationTest {
    @Test
    void nothingIsLoadedOrBuiltOnTheAudioThreadOnFirstUse() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FirstUseProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("first-use allocation on sonora-rt: 0 B\n") || out.contains("first-use allocation on sonora-rt: 0 B\r"), out);
    }
}
