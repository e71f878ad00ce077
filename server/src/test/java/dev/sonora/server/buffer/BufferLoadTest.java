package dev.sonora.server.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Rig;
import dev.sonora.server.ServerException;
import dev.sonora.server.TestData;
import dev.sonora.server.Wav;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

class BufferLoadTest {

    private static List<Path> files(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".txt")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everyTestFilePlaysOrIsRefusedInOneLine() throws Exception {
        List<Path> all = files(TestData.dir("wav"));
        assertTrue(all.size() > 20);
        try (Rig rig = new Rig()) {
            for (Path f : all) {
                if (f.toString().endsWith(".ogg")) {
                    ServerException e = assertThrows(ServerException.class, () -> rig.server.loadBuffer(f));
                    assertEquals(f + ": unsupported format (Sonora reads " + AudioFileReader.SUPPORTED + ")", e.getMessage());
                    continue;
                }
                AudioFileFormat format = AudioSystem.getAudioFileFormat(f.toFile());
                BufferRef ref = rig.server.loadBuffer(f);
                Buffer b = ref.ready().get(30, TimeUnit.SECONDS);
                double expected = format.getFrameLength() * 48000.0 / format.getFormat().getSampleRate();
                assertEquals(expected, b.frames(), 1.0, f + ": length kept through resampling");
                assertEquals(format.getFormat().getChannels(), b.channels(), f.toString());
                float peak = 0;
                for (int c = 0; c < b.channels(); c++) {
                    for (float v : b.channel(c)) {
                        assertTrue(Float.isFinite(v), f.toString());
                        peak = Math.max(peak, Math.abs(v));
                    }
                }
                assertTrue(peak > 0.001f && peak < 1.5f, f + ": plausible level " + peak);
            }
            assertEquals(List.of(), rig.errors);
        }
    }

    @Test
    void anOddRateFilePlaysAtTheRightPitchAndLength(@TempDir Path dir) throws Exception {
        // 1 s of a 1000 Hz sine written at 22,254 Hz, 16-bit
        int rate = 22254;
        byte[] pcm = new byte[rate * 2];
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rate; i++) bb.putShort((short) Math.round(16000 * Math.sin(2 * Math.PI * 1000.0 * i / rate)));
        AudioFormat fmt = new AudioFormat(rate, 16, 1, true, false);
        File wav = dir.resolve("odd.wav").toFile();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), fmt, rate), AudioFileFormat.Type.WAVE, wav);
        try (Rig rig = new Rig()) {
            Buffer b = rig.server.loadBuffer(wav.toPath()).ready().get(30, TimeUnit.SECONDS);
            assertEquals(48000, b.frames(), 1, "one second at the server rate");
            float[] x = b.channel(0);
            // frequency from rising zero crossings over the middle (edges have resampler ramps)
            double firstAt = -1;
            double lastAt = -1;
            int crossings = 0;
            for (int i = 2000; i < 46000; i++) {
                if (x[i - 1] < 0 && x[i] >= 0) {
                    double at = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                    if (firstAt < 0) firstAt = at;
                    lastAt = at;
                    crossings++;
                }
            }
            assertEquals(1000.0, (crossings - 1) / ((lastAt - firstAt) / 48000.0), 0.05, "pitch");
            double peak = 0;
            for (int i = 2000; i < 46000; i++) peak = Math.max(peak, Math.abs(x[i]));
            assertEquals(16000 / 32768.0, peak, 0.005, "level kept");
        }
    }

    @Test
    void aWavWrittenToAPipeWithTheSizeLeftUnknownPlaysWhatItHolds(@TempDir Path dir) throws Exception {
        // sox, ffmpeg and others writing to a pipe leave 0xFFFFFFFF as the sizes: once refused as cut short
        byte[] wav = Wav.mono(1, 48000, 16, 4800).array();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4800; i++) b.putShort(44 + 2 * i, (short) 8000);
        b.putInt(4, 0xFFFFFFFF).putInt(40, 0xFFFFFFFF);
        Path unknown = Files.write(dir.resolve("piped.wav"), wav);
        try (Rig rig = new Rig()) {
            Buffer loaded = rig.server.loadBuffer(unknown).ready().get(30, TimeUnit.SECONDS);
            assertEquals(4800, loaded.frames(), "the frames it holds");
            assertEquals(8000 / 32768.0, loaded.channel(0)[2400], 1e-4);
            assertEquals(List.of(), rig.errors);
        }
    }

    @Test
    void aFloatFileWithDamagedSamplesIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        // 1e30 and NaN among the samples: looped into a reverb, such a file held the output at full scale
        Path damaged = Files.write(dir.resolve("damaged.wav"), Wav.damagedFloat());
        try (Rig rig = new Rig()) {
            String why;
            try {
                BufferRef ref = rig.server.loadBuffer(damaged);
                Throwable t = assertThrows(Exception.class, () -> ref.ready().get(10, TimeUnit.SECONDS));
                why = t.getCause().getMessage();
            } catch (ServerException refusedAtOnce) {
                why = refusedAtOnce.getMessage();
            }
            assertEquals(damaged + ": 96 samples are not numbers or beyond ±1000 (a damaged float file); not loaded", why);
        }
    }

    @Test
    void brokenFilesGiveOneLineAndChangeNothing(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path text = Files.writeString(dir.resolve("notes.wav"), "this is not a sound file at all, just text\n".repeat(20));
        Path good = TestData.dir("wav").resolve("kit/sn/ST0T0S0.wav");
        byte[] whole = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.wav"), java.util.Arrays.copyOf(whole, 60));
        Path missing = dir.resolve("nope.wav");
        // a header claiming 1 Hz: once stretched 48000-fold on load (minutes, gigabytes), now refused at once
        Path oneHz = Files.write(dir.resolve("one-hz.wav"), Wav.mono(1, 1, 16, 4800).array());
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef playing = rig.play("dc", "amp", 0.25);
            for (Path p : List.of(empty, text, missing, dir, oneHz)) {
                ServerException e = assertThrows(ServerException.class, () -> rig.server.loadBuffer(p));
                assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
                assertFalse(e.getMessage().contains("\n"));
            }
            ServerException slow = assertThrows(ServerException.class, () -> rig.server.loadBuffer(oneHz));
            assertEquals(oneHz + ": bad sample rate 1.0 Hz (Sonora reads 1000 Hz to 1000000 Hz)", slow.getMessage());
            // a header that parses but data that is cut short: refused, from the Disk thread, in one line
            try {
                BufferRef ref = rig.server.loadBuffer(truncated);
                Throwable t = assertThrows(Exception.class, () -> ref.ready().get(10, TimeUnit.SECONDS));
                assertTrue(t.getCause().getMessage().startsWith(truncated + ": "), t.getCause().getMessage());
            } catch (ServerException refusedAtOnce) {
                assertTrue(refusedAtOnce.getMessage().startsWith(truncated + ": "), refusedAtOnce.getMessage());
            }
            rig.blocks(4);
            assertTrue(playing.playing());
            assertEquals(0.25f, rig.out.left()[rig.out.frames() - 1], 0f, "the music went on");
        }
    }

    @Test
    void aBufferStillPlayedIsReleasedOnlyAfterItsLastPlayerEnds() throws Exception {
        Path kit = TestData.dir("wav").resolve("kit");
        try (Rig rig = new Rig()) {
            BufferRef first = rig.server.loadBuffer(kit.resolve("bd/BT0A0A7.wav"));
            Buffer a = first.ready().get(30, TimeUnit.SECONDS);
            GraphBuilder g = new GraphBuilder();
            rig.server.addDef(g.build("loop", g.unit("playbuf", g.constant(first.slot()), g.constant(1), g.constant(1))));
            rig.blocks(1);
            NodeRef p1 = rig.server.synth("loop", null, null, AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            NodeRef p2 = rig.server.synth("loop", null, null, AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            rig.blocks(2);
            assertEquals(2, rig.server.buffers().playersOf(a));
            // reload the slot with another file: new synths get it, running ones keep the old one
            Buffer b = rig.server.loadBuffer(kit.resolve("sn/ST0T0S0.wav"), first.slot()).ready().get(30, TimeUnit.SECONDS);
            rig.blocks(2);
            assertFalse(a.isReleased(), "two synths still play it");
            NodeRef p3 = rig.server.synth("loop", null, null, AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            rig.blocks(1);
            assertEquals(1, rig.server.buffers().playersOf(b));
            rig.server.free(p1, Command.NOW);
            rig.blocks(1);
            assertFalse(a.isReleased(), "one synth still plays it");
            rig.server.free(p2, Command.NOW);
            rig.blocks(1);
            assertTrue(a.isReleased(), "released once its last player ended");
            assertFalse(b.isReleased());
            assertTrue(p3.playing());
        }
    }

    @Test
    void playbufPlaysTheSamplesAndEndsItsSynthAtTheEnd(@TempDir Path dir) throws Exception {
        int n = 1000;
        byte[] pcm = new byte[n * 2];
        ByteBuffer bb = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) bb.putShort((short) (i * 30 - 15000));
        File wav = dir.resolve("ramp.wav").toFile();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(48000, 16, 1, true, false), n),
                AudioFileFormat.Type.WAVE, wav);
        try (Rig rig = new Rig()) {
            BufferRef ref = rig.server.loadBuffer(wav.toPath());
            ref.ready().get(30, TimeUnit.SECONDS);
            GraphBuilder g = new GraphBuilder();
            rig.server.addDef(g.build("once", g.unit("playbuf", g.constant(ref.slot()))));
            rig.blocks(1);
            NodeRef once = rig.playAt("once", 100L);
            rig.blocks(40);
            float[] l = rig.out.left();
            float[] r = rig.out.right();
            for (int i = 0; i < n; i++) {
                float expected = (i * 30 - 15000) / 32768f;
                assertEquals(expected, l[100 + i], 1e-6f, "sample " + i);
                assertEquals(l[100 + i], r[100 + i], "mono on both sides");
            }
            assertEquals(0f, l[100 + n], 0f);
            assertFalse(once.playing(), "a non-looping playbuf ends its synth at the end");
        }
    }
}
