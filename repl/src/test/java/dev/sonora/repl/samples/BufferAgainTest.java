package dev.sonora.repl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.Await;
import dev.sonora.repl.LiveHost;
import dev.sonora.server.Wav;
import dev.sonora.server.driver.MemoryOut;

/**
 * {@code buffer(path)} asked again for the same file (a set file saved and run again, a call in a
 * loop body) is the same slot: before, every call took a new slot and decoded the file again, and a
 * loop calling it ran out of slots mid-set. A file that changed is loaded again into that slot.
 */
class BufferAgainTest {
    @Test
    void theSameFileIsTheSameSlotAndAChangedOneIsLoadedAgainIntoIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hit.wav");
        Files.write(file, Wav.mono(1, 48000, 16, 4800).array());
        try (LiveHost live = new LiveHost(new MemoryOut(48000), 256)) {
            String js = "'" + file.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
            int slot = Integer.parseInt(live.eval("const a = buffer(" + js + "); a.slot", "set.js"));
            int capacity = live.server.buffers().capacity();
            // more calls than there are slots: each took one before
            assertEquals("true", live.eval("let same = true; for (let i = 0; i < " + (capacity + 10) + "; i++) same &&= buffer(" + js
                    + ").slot === a.slot; same", "set.js"));
            Await.until(() -> live.server.buffers().current(slot) != null, "the first load");
            assertEquals(4800, live.server.buffers().current(slot).frames());

            Files.write(file, Wav.mono(1, 48000, 16, 9600).array()); // edited: twice as long
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000)); // whatever the clock's grain
            assertEquals(Integer.toString(slot), live.eval("buffer(" + js + ").slot", "set.js"), "loaded again into its slot");
            Await.until(() -> live.server.buffers().current(slot).frames() == 9600, "the new file in the slot");
            assertEquals("[]", live.errors.toString());
        }
    }

    @Test
    void aDamagedFileAskedForAgainAndAgainTakesNoSlotAndIsNotDecodedAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.wav");
        byte[] whole = Wav.mono(1, 48000, 16, 24000).array();
        Files.write(file, java.util.Arrays.copyOf(whole, Wav.HEADER + 200)); // the header promises 24000 frames: 100 are there
        try (LiveHost live = new LiveHost(new MemoryOut(48000), 256)) {
            String js = "'" + file.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
            int usedBefore = live.server.buffers().used();
            live.eval("buffer(" + js + ")", "set.js");
            Await.until(() -> live.errors.size() == 1, "the decode's one line");
            int capacity = live.server.buffers().capacity();
            // a loop body asking for it more often than there are slots: before, each call took a slot and decoded it again
            assertEquals("true", live.eval("let refused = 0; for (let i = 0; i < " + (capacity + 10) + "; i++) { try { buffer(" + js
                    + ") } catch (e) { refused++ } } refused === " + (capacity + 10), "set.js"));
            assertEquals(usedBefore, live.server.buffers().used(), "no slot kept by the failed load");
            Thread.sleep(200); // a decode started again would report again
            assertEquals(1, live.errors.size(), "decoded once: " + live.errors);
        }
    }

    @Test
    void aRelativePathInALoopBodyIsRelativeToTheFileThatWroteIt(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("My Sets (live)")); // spaces and parentheses: the stack's own punctuation
        Files.write(dir.resolve("hit.wav"), Wav.mono(1, 48000, 16, 480).array());
        Path set = Files.writeString(dir.resolve("set (1).js"), "tempo(240)\n"
                + "loop('b', 1, () => { globalThis.fromLoop = buffer('hit.wav').slot })\n");
        try (LiveHost live = new LiveHost(new MemoryOut(48000), 256)) {
            // the loop body runs after the file has loaded: before, it looked in the working folder
            live.eval("load('" + set.toString().replace("\\", "\\\\").replace("'", "\\'") + "')", "<repl>");
            Await.until(() -> !live.errors.isEmpty() || !evalQuiet(live, "typeof fromLoop").equals("'undefined'"), "the loop's first body");
            assertEquals("[]", live.errors.toString());
            assertEquals("'number'", live.eval("typeof fromLoop", "<repl>"));
            assertEquals("[]", live.errors.toString());
        }
    }

    private static String evalQuiet(LiveHost live, String code) {
        try {
            return live.eval(code, "<repl>");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFolderLoadedAgainReloadsOnlyTheFilesThatChanged(@TempDir Path dir) throws Exception {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.write(kit.resolve("a.wav"), Wav.mono(1, 48000, 16, 480).array());
        Files.write(kit.resolve("b.wav"), Wav.mono(1, 48000, 16, 480).array());
        try (LiveHost live = new LiveHost(new MemoryOut(48000), 256)) {
            SampleLibrary lib = SampleLibrary.of(live.server);
            lib.addFolder(kit, live.errors::add).done().get();
            SampleLibrary.Entry a = lib.entry("kit", 0);
            SampleLibrary.Entry b = lib.entry("kit", 1);
            Files.write(kit.resolve("b.wav"), Wav.mono(1, 48000, 16, 960).array());
            Files.setLastModifiedTime(kit.resolve("b.wav"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
            lib.addFolder(kit, live.errors::add).done().get();
            assertSame(a, lib.entry("kit", 0), "unchanged: not loaded again (before, every file was, each time)");
            assertNotSame(b.ref(), lib.entry("kit", 1).ref(), "changed: loaded again");
            assertEquals(b.ref().slot(), lib.entry("kit", 1).ref().slot(), "into its slot");
            assertEquals("[]", live.errors.toString());
        }
    }
}
