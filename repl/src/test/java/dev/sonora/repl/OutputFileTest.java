package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Wav;

/**
 * Output files (--render OUT, --record OUT) are checked before anything runs: never one of
 * the input scripts, never an existing file that is not a WAV (unless --force), and a path
 * that cannot be written is refused in one line that says why.
 */
class OutputFileTest {
    private static final String SCRIPT = "play(() => sine(440).mul(0.1)); console.log('the script ran')\n";

    private static String oneLine(CliRun r) {
        assertNotEquals(0, r.code(), r.all());
        String e = r.err().strip();
        assertEquals(1, e.lines().count(), "one line: " + r.err());
        assertFalse(r.out().contains("the script ran"), "refused before the scripts ran: " + r.out());
        assertFalse(e.matches(".*\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w+.*"), "no Java class name: " + e);
        return e;
    }

    @Test
    void aRenderNeverOverwritesItsScriptThroughAnyPath(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("set.js"), SCRIPT);
        String e = oneLine(CliRun.of("", "--render", set.toString(), "--duration", "1", set.toString()));
        assertTrue(e.startsWith("sonora: --render " + set + ": "), e);
        assertTrue(e.contains("input"), e);
        Path link = Files.createSymbolicLink(dir.resolve("link.wav"), set);
        Path other = dir.resolve("sub");
        Files.createDirectories(other);
        oneLine(CliRun.of("", "--render", link.toString(), "--duration", "1", set.toString()));
        oneLine(CliRun.of("", "--force", "--render", other.resolve("../set.js").toString(), "--duration", "1", set.toString()));
        assertEquals(SCRIPT, Files.readString(set));
    }

    @Test
    void aRecordingNeverOverwritesItsScript(@TempDir Path dir) throws Exception {
        Path piece = Files.writeString(dir.resolve("piece.js"), SCRIPT);
        String e = oneLine(CliRun.of("", "--driver", "null", "--no-repl", "--duration", "0.2", "--record", piece.toString(), piece.toString()));
        assertTrue(e.startsWith("sonora: --record " + piece + ": "), e);
        oneLine(CliRun.of("", "--render", dir.resolve("x.wav").toString(), "--duration", "0.2",
                "--record", piece.toString(), piece.toString()));
        assertEquals(SCRIPT, Files.readString(piece));
        assertFalse(Files.exists(dir.resolve("x.wav")));
        // the render's own file is no input: said as what it is
        Path out = dir.resolve("o.wav");
        assertEquals("sonora: --record " + out + ": that is the --render file too; pick another file for the recording",
                oneLine(CliRun.of("", "--render", out.toString(), "--duration", "0.2", "--record", out.toString(), piece.toString())));
    }

    @Test
    void anExistingFileThatIsNotAWavNeedsForce(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("set.js"), SCRIPT);
        Path notes = Files.writeString(dir.resolve("notes.wav"), "my notes, named .wav by mistake\n");
        String e = oneLine(CliRun.of("", "--render", notes.toString(), "--duration", "0.1", set.toString()));
        assertTrue(e.contains("not a WAV") && e.contains("--force"), e);
        assertEquals("my notes, named .wav by mistake\n", Files.readString(notes));

        CliRun forced = CliRun.of("", "--render", notes.toString(), "--duration", "0.1", "--force", set.toString());
        assertEquals(0, forced.code(), forced.all());
        assertEquals(4800, Wav.read(notes).frames());
        // a WAV is overwritten without --force: renders are re-run all the time
        CliRun again = CliRun.of("", "--render", notes.toString(), "--duration", "0.2", set.toString());
        assertEquals(0, again.code(), again.all());
        assertEquals(9600, Wav.read(notes).frames());
    }

    @Test
    void anUnwritablePathSaysWhyBeforeTheScriptsRun(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("set.js"), SCRIPT);
        String e = oneLine(CliRun.of("", "--render", "/proc/x.wav", "--duration", "1", set.toString()));
        assertTrue(e.matches("sonora: cannot write /proc/x\\.wav: [a-z][a-z -]+.*"), e);
        assertFalse(e.endsWith(": /proc/x.wav"), e);
        e = oneLine(CliRun.of("", "--render", dir.resolve("no/such/x.wav").toString(), "--duration", "1", set.toString()));
        assertTrue(e.endsWith("no such directory " + dir.resolve("no/such")), e);
        e = oneLine(CliRun.of("", "--render", dir.toString(), "--duration", "1", set.toString()));
        assertTrue(e.endsWith(": is a directory"), e);
    }

    /** A named pipe is refused by what it is, never opened: opening it to write would wait for a reader forever. */
    @Test
    void aNamedPipeIsRefusedWithoutBeingOpened(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("set.js"), SCRIPT);
        Path fifo = dir.resolve("out.wav");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
        String e = assertTimeoutPreemptively(Duration.ofSeconds(60), // a stop condition, not a threshold
                () -> oneLine(CliRun.of("", "--render", fifo.toString(), "--duration", "1", set.toString())));
        assertTrue(e.endsWith("cannot write " + fifo + ": is a named pipe (FIFO)"), e);
    }

    @Test
    void aRecordingThatCannotBeMadeStopsTheStartLiveAndRendered(@TempDir Path dir) throws Exception {
        Path set = Files.writeString(dir.resolve("set.js"), SCRIPT);
        String e = oneLine(CliRun.of("", "--driver", "null", "--no-repl", "--duration", "0.2", "--record", "/proc/x.wav", set.toString()));
        assertTrue(e.startsWith("sonora: cannot write /proc/x.wav: "), e);
        CliRun repl = CliRun.of("1 + 1\n", "--driver", "null", "--record", "/proc/x.wav", set.toString());
        assertNotEquals(0, repl.code(), repl.all());
        assertTrue(repl.err().contains("sonora: cannot write /proc/x.wav: "), repl.err());
        assertFalse(repl.out().contains("the script ran"), repl.out());
        oneLine(CliRun.of("", "--render", dir.resolve("ok.wav").toString(), "--duration", "0.2", "--record", "/proc/x.wav", set.toString()));
        assertFalse(Files.exists(dir.resolve("ok.wav")));
    }
}
