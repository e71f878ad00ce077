package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sonora.server.Wav;

/** --render: every example script renders non-silent and NaN-free; script errors exit non-zero. */
class RenderTest {
    private static final String SUMMARY = "rendered \\d+(\\.\\d+)? s in \\d+\\.\\d\\d s \\(\\d+\\.\\d× real time\\), "
            + "peak block load \\d+\\.\\d%, late \\d+, xruns \\d+, rt alloc \\d+ B";

    static Stream<Path> scripts() throws Exception {
        Path dir = Path.of("..", "scripts");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".js")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreAtLeastThreeExamples() throws Exception {
        assertTrue(scripts().count() >= 3);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void everyScriptRendersSound(Path script, @TempDir Path dir) throws Exception {
        Path wav = dir.resolve("out.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "6", script.toString());
        assertEquals(0, r.code(), r.all());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches(SUMMARY), "summary line: " + last);
        Wav w = Wav.read(wav);
        assertEquals(48000 * 6, w.frames(), "exactly the duration asked for");
        assertTrue(w.finite(), "no NaN or infinity");
        assertTrue(w.peak() > 0.02, "audible: peak " + w.peak());
        assertFalse(r.out().contains("clipped"), "an example must not clip: " + r.out());
        assertTrue(w.peak() < 1f, "peak " + w.peak());
        for (int s = 1; s < 6; s++) assertTrue(w.rms(s) > 0.001, script + " is silent in second " + s);
    }

    @Test
    void scriptErrorExitsNonZeroWithFileAndLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.js");
        Files.writeString(script, "def('a', () => sine(440).mul(0.1))\nsynth('a')\nsynth('b')\n");
        Path wav = dir.resolve("out.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "1", script.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().matches(".*broken.js:3: unknown synth 'b' \\(defined: a\\)"), r.err());
        assertFalse(Files.exists(wav), "no half-written file");
    }

    @Test
    void aRenderThatClipsSaysSoAndStillWritesTheFile(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("loud.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "0.5", "-e", "play(() => sine(100).mul(1.5))");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().matches("(?s).*sonora: the output clipped: \\d+ samples went past full scale.*"), r.out());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElse("").matches(SUMMARY), "the summary line stays last");
        assertEquals(1f, Wav.read(wav).peak(), 1e-6);
    }

    @Test
    void renderIsSampleAccurateAndDeterministicInLength(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("e.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "0.5", "-e",
                "play(() => sine(1000).mul(0.5)); console.log('from -e')");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("from -e"), r.out());
        Wav w = Wav.read(wav);
        assertEquals(24000, w.frames());
        assertEquals(0.5, w.peak(), 0.01);
    }
}
