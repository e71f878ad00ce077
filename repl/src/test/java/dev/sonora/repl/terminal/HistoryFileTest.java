package dev.sonora.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file JLine cannot read (a folder, binary bytes) once ended the session at its first
 * prompt with a stack trace: now one line says so, the REPL works without history, and the file
 * is left as it was.
 */
class HistoryFileTest {
    @Test
    void aFolderOrBinaryHistoryIsOneLineAndTheReplWorks(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("binhist");
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (0x80 + i % 64); // continuation bytes alone: not UTF-8
        Files.write(binary, bytes);
        assertRuns(binary, "history: '" + binary + "' is not a text file (not UTF-8); this session keeps no history");
        assertArrayEquals(bytes, Files.readAllBytes(binary), "the file is left as it was");
        Path folder = Files.createDirectory(dir.resolve("histdir"));
        assertRuns(folder, "history: '" + folder + "' is a directory, not a text file; this session keeps no history");
    }

    @Test
    void aTextHistoryOrNoneYetIsUsable(@TempDir Path dir) throws Exception {
        assertEquals(null, HistoryFile.whyUnusable(dir.resolve("none-yet")));
        assertEquals(null, HistoryFile.whyUnusable(Files.writeString(dir.resolve("h"), "1796182538554:1+1\n")));
    }

    private static void assertRuns(Path history, String line) throws Exception {
        try (VirtualScreen vs = new VirtualScreen(160, 12)) {
            AtomicInteger code = new AtomicInteger(-1);
            Repl repl = new Repl(vs.terminal, new StatusLineTest.Echo(), history, o -> { });
            Thread t = new Thread(() -> code.set(repl.run()), "repl");
            t.start();
            assertTrue(vs.await(line, 5000), String.join("\n", vs.lines()));
            vs.type("1+1\r");
            assertTrue(vs.await("=> 1+1", 5000), String.join("\n", vs.lines()));
            vs.type("\u0004"); // Ctrl-D
            t.join(5000);
            assertEquals(0, code.get(), String.join("\n", vs.lines()));
        }
    }
}
