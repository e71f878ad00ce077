package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Wav;

/**
 * {@code while (true) {}} under --render: no one can press Ctrl-C, so a step that runs longer
 * than --step-timeout is stopped with its file:line, and the render exits non-zero with its
 * file's header complete for what was rendered.
 */
class StepTimeoutTest {
    /** The header's sizes agree with the file; returns the frames it holds. */
    static long validFrames(Path wav) throws Exception {
        Wav w = Wav.read(wav);
        w.assertHeaderMatchesTheFile();
        return w.frames();
    }

    @Test
    void aTopLevelEndlessLoopIsStopped(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("top.js"), "play(() => sine(440).mul(0.1))\nwhile (true) {}\n");
        Path wav = dir.resolve("out.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "5", "--step-timeout", "1", script.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("top.js:2: ran longer than 1 s and was stopped (a longer limit: --step-timeout S)"), r.err());
        assertTrue(r.err().contains("sonora: render stopped at 0.0 s; " + wav + " holds what was rendered"), r.err());
        assertEquals(0, validFrames(wav));
    }

    @Test
    void anEndlessLoopBodyIsStoppedAndTheFileKeepsWhatWasRendered(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("hang.js"), String.join("\n",
                "play(() => sine(440).mul(0.1)); let cycles = 0; tempo(120) // tempo set: the default is another item of issue 11",
                "loop('hang', 1, () => {",
                "  if (++cycles > 4) while (true) {}",
                "})", ""));
        Path wav = dir.resolve("out.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "30", "--step-timeout", "1", script.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("hang.js:3: ran longer than 1 s and was stopped"), r.err());
        assertTrue(r.err().matches("(?s).*sonora: render stopped at \\d+\\.\\d s; .*out\\.wav holds what was rendered.*"), r.err());
        long frames = validFrames(wav);
        assertTrue(frames > 48000 && frames < 48000 * 10, "rendered up to the stuck beat: " + frames);
        assertTrue(Wav.read(wav).peak() > 0.05, "what was rendered is sound");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS) // stop condition: it hung before
    void liveAnEndlessLoopBodyIsStoppedAndTheMusicPlaysOn(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("hang.js"), String.join("\n",
                "play(() => sine(440).mul(0.1)); let cycles = 0; tempo(240)",
                "loop('hang', 1, () => {",
                "  if (++cycles > 2) while (true) {}",
                "})",
                "loop('alive', 1, () => {})", ""));
        CliRun r = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "4", "--step-timeout", "1", script.toString());
        assertEquals(0, r.code(), "a loop body's error does not end a live set: " + r.all());
        assertTrue(r.err().contains("hang.js:3: ran longer than 1 s and was stopped (a longer limit: --step-timeout S) (loop 'hang' stopped)"),
                r.err());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
    void liveAnEndlessScriptIsStopped(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("top.js"), "play(() => sine(440).mul(0.1))\nwhile (true) {}\n");
        CliRun r = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "1", "--step-timeout", "1", script.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("top.js:2: ran longer than 1 s and was stopped"), r.err());
    }
}
