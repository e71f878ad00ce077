package dev.sonora.server.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.rt.Buffer;

/** A load decoded and resampled in slices is the one-shot decode, sample for sample. */
class DecodeJobTest {

    /** A 16-bit stereo WAV of {@code seconds} at {@code rate}: two detuned sines plus a little noise, seeded. */
    static Path writeWav(Path file, int rate, double seconds) throws Exception {
        int frames = (int) Math.round(rate * seconds);
        byte[] pcm = new byte[frames * 4];
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(12);
        for (int i = 0; i < frames; i++) {
            double t = i / (double) rate;
            bb.putShort((short) Math.round(9000 * Math.sin(2 * Math.PI * 220 * t) + 500 * (rnd.nextDouble() - 0.5)));
            bb.putShort((short) Math.round(9000 * Math.sin(2 * Math.PI * 331 * t) + 500 * (rnd.nextDouble() - 0.5)));
        }
        AudioFormat fmt = new AudioFormat(rate, 16, 2, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), fmt, frames), AudioFileFormat.Type.WAVE,
                file.toFile());
        return file;
    }

    /** Every readable file in shared/testdata (all rates, layouts, odd lengths), and a generated one. */
    private static List<Path> testFiles(Path tmp) throws Exception {
        List<Path> out = new ArrayList<>();
        out.add(writeWav(tmp.resolve("gen.wav"), 22050, 3.3));
        try (var s = java.nio.file.Files.walk(dev.sonora.server.TestData.dir("wav"))) {
            s.filter(java.nio.file.Files::isRegularFile).filter(p -> p.toString().endsWith(".wav")).sorted().forEach(out::add);
        } catch (org.opentest4j.TestAbortedException absent) {
            // no shared test data here: the generated file alone
        }
        return out;
    }

    @Test
    void aSlicedDecodeEqualsAOneShotDecodeSampleForSample(@TempDir Path dir) throws Exception {
        for (Path f : testFiles(dir)) {
            AudioFileReader.Decoded whole = AudioFileReader.read(f);
            float[][] oneShot = new float[whole.channels().length][];
            for (int c = 0; c < oneShot.length; c++) oneShot[c] = Resampler.convert(whole.channels()[c], whole.sampleRate(), 48000);
            // odd slice sizes put slice edges everywhere; the defaults as loads use them
            int[][] sizes = {{13, 777}, {DecodeJob.READ_SLICE_FRAMES, DecodeJob.RESAMPLE_SLICE_FRAMES}};
            for (int[] size : sizes) {
                DecodeJob job = new DecodeJob(f, f.getFileName().toString(), 48000, size[0], size[1], b -> { }, m -> { });
                int steps = 0;
                while (!job.stepOnDisk()) steps++;
                assertEquals(null, job.failure(), f.toString());
                Buffer b = job.result();
                assertEquals(oneShot.length, b.channels(), f.toString());
                for (int c = 0; c < b.channels(); c++) {
                    assertArrayEquals(oneShot[c], b.channel(c), f + " channel " + c + ", slices of " + size[0] + "/" + size[1]);
                }
                if (size[0] == 13) assertTrue(steps > 2, f + ": in slices (" + steps + ")");
            }
        }
    }

}
