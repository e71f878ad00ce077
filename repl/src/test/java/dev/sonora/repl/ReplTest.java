package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL as a user meets it, driven through a dumb terminal on pipes, live on the null driver. */
class ReplTest {
    @Test
    void aSessionThroughTheTerminal(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("set.js");
        Files.writeString(set, "def('bass', ({freq = 110, amp = 0.3, gate = 1}) =>\n"
                + "  saw(freq).mul(adsr(0.01, 0.2, 0.6, 0.4, gate)).mul(amp).pan(0))\nvar fromFile = 'loaded'\n");
        String input = String.join("\n",
                "1+1",
                "fromFile",
                "const n = synth('bass', {freq: 55})",
                "n",
                "def('lead', ({freq = 440}) =>",   // multi-line: continues until the expression closes
                "  sine(freq)",
                "    .mul(0.1))",
                "noSuchName",
                "n.set({frq: 1})",
                "n.release()",
                "const n = 5",
                "n * 2",
                "") + "\n";
        CliRun r = CliRun.of(input, "--driver", "null", "--history", "", set.toString(), "-e", "'from -e: ' + fromFile");
        assertEquals(0, r.code(), r.all());
        String out = r.out();
        assertTrue(out.contains("'from -e: loaded'"), out);
        assertTrue(out.contains("\n2\n") || out.contains("> 2\n"), out);
        assertTrue(out.contains("'loaded'"), out);
        assertTrue(out.matches("(?s).*Node\\(\\d+ 'bass'\\).*"), out);
        assertTrue(out.contains("Def('lead', freq = 440)"), out);
        assertTrue(out.matches("(?s).*<repl>:8: ReferenceError: noSuchName is not defined.*"), out);
        assertTrue(out.matches("(?s).*<repl>:9: set Node\\(\\d+ 'bass'\\): no control 'frq' \\(controls: freq, amp, gate\\).*"), out);
        assertTrue(out.contains("10"), out);
    }

    @Test
    void historyPersistsAcrossSessions(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        CliRun r = CliRun.of("var remembered = 7\n", "--driver", "null", "--history", history.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.readString(history).contains("var remembered = 7"), "history file written");
    }

    @Test
    void noReplPlaysForTheGivenTimeAndExits(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.js");
        Files.writeString(ok, "play(() => sine(220).mul(0.1))\nconsole.log('playing')\n");
        CliRun r = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "0.3", ok.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("playing"), r.out());
        // the session says which driver played (once it started: the duration counts from there)
        assertTrue(r.all().contains("null driver (silent, clocked)"), r.all());

        Path bad = dir.resolve("bad.js");
        Files.writeString(bad, "\nsynth('nothing')\n");
        r = CliRun.of("", "--driver", "null", "--no-repl", bad.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("bad.js:2: unknown synth 'nothing'"), r.err());
    }
}
