package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate closed at the very sample its synth starts ({@code synth('pad').release()} in one step)
 * used to be the first value the envelope saw: it never opened, and the synth never ended, silent
 * for the rest of the set. The server now holds such a close until the envelope has started, so
 * the note plays briefly and ends.
 */
class GateAtStartTest {
    @Test
    void aSynthReleasedInTheStepThatStartedItStillEnds(@TempDir Path dir) throws Exception {
        Path js = Files.writeString(dir.resolve("set.js"), String.join("\n",
                "def('g', ({gate = 1}) => sine(440).mul(adsr(0.01, 0.1, 0.5, 0.1, gate)).mul(0.1))",
                "const n = synth('g'); n.release()",
                "at(0.25, () => { const m = synth('g'); m.set({gate: 0}) })", // timed: the same sample, explicitly
                "at(2, () => console.log('synths left: ' + status().synths + ', n playing: ' + n.playing))"));
        CliRun r = CliRun.of("", "--render", dir.resolve("out.wav").toString(), "--duration", "1.5", js.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("synths left: 0, n playing: false"), r.all());
    }
}
