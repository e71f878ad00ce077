package dev.sonora.repl.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --list-midi} and {@code --midi-in} on the command line. */
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
}
