package dev.sonora.repl.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --list-midi}, {@code --midi-in} and {@code --midi-latency} on the command line. */
class MidiCliTest {
    @Test
    void listMidiPrintsTheInputsOrSaysThereAreNone() {
        MidiRun r = MidiRun.of("--list-midi");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("MIDI inputs"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void anInputThatIsNotThereIsOneLineAndANonZeroExit() {
        MidiRun r = MidiRun.of("--driver", "null", "--no-repl", "--duration", "0.2", "--midi-in", "no-such-input-xyz");
        assertEquals(1, r.code(), r.all());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("sonora: --midi-in no-such-input-xyz: no MIDI input by that name \\(.*\\)"), r.err());
    }

    @Test
    void midiLatencyIsSetBeforeTheScriptsAndCheckedInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String wav = dir.resolve("x.wav").toString();
        MidiRun ok = MidiRun.of("--render", wav, "--duration", "0.1", "--midi-latency", "12.5",
                "-e", "if (midi.latency() !== 12.5) throw new Error('midi.latency() is ' + midi.latency())");
        assertEquals(0, ok.code(), ok.all());
        MidiRun bad = MidiRun.of("--midi-latency", "5000");
        assertEquals(2, bad.code(), bad.all());
        assertTrue(bad.err().startsWith("sonora: --midi-latency: 5000 is not a latency in milliseconds (0..1000)"), bad.err());
        MidiRun js = MidiRun.of("--render", wav, "--duration", "0.1",
                "-e", "midi.latency(10); if (midi.latency() !== 10) throw new Error('not set')", "-e", "midi.latency(-1)");
        assertEquals(1, js.code(), js.all());
        assertTrue(js.err().contains("midi.latency: milliseconds from arrival to sound, 0..1000 (0 = as soon as possible),"
                + " like midi.latency(10); got -1"), js.err());
        assertEquals(1, js.err().strip().lines().count(), js.err());
    }
}
