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
 * is ready, and says how late it was.
 */
class LateSampleTest {

    @Test
    void aSampleAskedForBeforeItLoadedPlaysWhenReadyAndSaysHowLate(@TempDir Path dir) throws Exception {
        // a long file at an odd rate, so decoding and resampling take a while on the Disk thread
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
            float peak = 0;
            for (int i = before; i < fx.audio.frames(); i++) peak = Math.max(peak, Math.abs(fx.audio.left()[i]));
            assertTrue(peak > 0.05f, "the late sample is heard: peak " + peak);
            assertEquals(0, fx.err.stream().filter(l -> !l.contains("late")).count(), fx.err.toString());
        }
    }
}
