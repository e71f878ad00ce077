package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Command-line mistakes: one line, then the usage, then a non-zero exit. No audio, no JS. */
class CliTest {
    private static void bad(String expected, String... args) {
        CliRun r = CliRun.of("", args);
        assertEquals(2, r.code(), r.all());
        String first = r.err().lines().findFirst().orElse("");
        assertEquals("sonora: " + expected, first);
        assertTrue(r.err().contains("usage: sonora"), r.err());
    }

    @Test
    void badOptions() {
        bad("unknown option --frobnicate", "--frobnicate");
        bad("--render needs --duration SECONDS", "--render", "x.wav", "a.js");
        bad("--duration: 'abc' is not a number", "--render", "x.wav", "--duration", "abc", "a.js");
        bad("--driver: 'alsa' is not a driver (jack, javasound or null)", "--driver", "alsa");
        bad("--sample-rate: 5 is out of range (8000..384000)", "--sample-rate", "5");
        bad("--block needs a value: --block FRAMES", "--block");
        bad("no file 'no-such-script.js'", "no-such-script.js");
        bad("'/tmp' is a directory, not a script", "/tmp");
        bad("--record needs a value: --record FILE.wav", "--record");
        bad("--midi-in does not go with --render (a render has no live input); play a file with midi.play('song.mid')",
                "--render", "x.wav", "--duration", "1", "--midi-in", "all", "a.js");
        bad("--midi-in needs a value: --midi-in NAME|all", "--midi-in");
        bad("--duration goes with --render or --no-repl", "--duration", "3");
    }

    @Test
    void helpAndListing() {
        CliRun r = CliRun.of("", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--render OUT.wav --duration S"), r.out());
        r = CliRun.of("", "--list-devices", "--list-midi");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("audio outputs"), r.out());
        assertTrue(r.out().contains("MIDI inputs"), r.out());
    }
}
