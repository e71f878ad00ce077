package dev.sonora.repl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.lang.HostFixture;

/**
 * A sample asked for while its bank is still loading is never dropped: it plays as soon as it
 * is ready, and says how late it was. A bank loaded again keeps playing meanwhile.
 */
class LateSampleTest {

    @Test
    void aSampleAskedForBeforeItLoadedPlaysWhenReadyAndSaysHowLate(@TempDir Path dir) throws Exception {
        slowBank(dir);
        try (HostFixture fx = new HostFixture()) {
            fx.eval("samples('" + dir.toString().replace("\\", "/") + "'); sample('slow')");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (fx.err.stream().noneMatch(l -> l.contains("late")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String warning = fx.err.stream().filter(l -> l.contains("late")).findFirst().orElse("(none) " + fx.err);
            assertTrue(warning.matches("sample\\('slow'\\): played \\d+\\.\\d\\d s late \\(it was still loading\\)"), warning);
            int before = fx.audio.frames();
            fx.advance(100);
            assertTrue(peakSince(fx, before) > 0.05f, "the late sample is heard: peak " + peakSince(fx, before));
            assertEquals(0, fx.err.stream().filter(l -> !l.contains("late")).count(), fx.err.toString());
        }
    }

    /**
     * A bank loaded again mid-set (its files edited) is not a bank loading: each file goes back
     * into its own slot, and a hit asked for while the new data decodes plays the old sound at
     * once, late by nothing; no new slot is taken, however often the bank is loaded.
     */
    @Test
    void aBankLoadedAgainPlaysAtOnceFromTheSameSlots(@TempDir Path dir) throws Exception {
        slowBank(dir);
        String folder = dir.toString().replace("\\", "/");
        try (HostFixture fx = new HostFixture()) {
            SampleLibrary library = SampleLibrary.of(fx.server);
            fx.eval("samples('" + folder + "')");
            library.entry("slow", 0).ref().ready().join(); // the first load is in
            int slot = library.entry("slow", 0).ref().slot();
            int slotsUsed = fx.server.buffers().used();
            for (int round = 0; round < 3; round++) {
                fx.eval("samples('" + folder + "'); sample('slow')");
                SampleLibrary.Entry e = library.entry("slow", 0);
                assertEquals(slot, e.ref().slot(), "loaded again into the slot it had");
                int before = fx.audio.frames();
                fx.advance(20);
                assertTrue(peakSince(fx, before) > 0.05f, "the hit plays at once, from the old sound: peak " + peakSince(fx, before));
                e.ref().ready().join();
            }
            assertEquals(slotsUsed, fx.server.buffers().used(), "no slot taken by loading the bank again");
            assertEquals(0, fx.err.size(), "nothing late, nothing failed: " + fx.err);
        }
    }

    private static float peakSince(HostFixture fx, int from) {
        float peak = 0;
        for (int i = from; i < fx.audio.frames(); i++) peak = Math.max(peak, Math.abs(fx.audio.left()[i]));
        return peak;
    }

    /** A long file at an odd rate, so decoding and resampling take a while on the Disk thread. */
    private static void slowBank(Path dir) throws Exception {
        int rate = 44100;
        int frames = rate * 30;
        byte[] pcm = new byte[frames * 4];
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(12000 * Math.sin(2 * Math.PI * 220.0 * i / rate));
            bb.putShort(v).putShort(v);
        }
        Path bank = Files.createDirectories(dir.resolve("slow"));
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, 2, true, false), frames),
                AudioFileFormat.Type.WAVE, bank.resolve("00_drone.wav").toFile());
    }
}
