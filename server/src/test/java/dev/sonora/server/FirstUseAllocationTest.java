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
    /**
     * Up to three fresh JVMs: an allocation our code makes on first use happens in every run,
     * while the JVM's own one-off (a burst of Strings when the audio thread happens to trigger a
     * JIT compilation, see docs/design-notes.md) comes and goes with timing. One clean run
     * proves the first uses allocate nothing.
     */
    @Test
    void nothingIsLoadedOrBuiltOnTheAudioThreadOnFirstUse() throws Exception {
        StringBuilder runs = new StringBuilder();
        for (int attempt = 0; attempt < 3; attempt++) {
            String out = probe();
            if (out.contains("first-use allocation on sonora-rt: 0 B\n") || out.contains("first-use allocation on sonora-rt: 0 B\r")) {
                return;
            }
            runs.append(out.lines().filter(l -> l.startsWith("first-use")).findFirst().orElse(out)).append('\n');
        }
        assertEquals("three runs at 0 B", runs.toString());
    }

    private static String probe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FirstUseProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
