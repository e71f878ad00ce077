package dev.sonora.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Rig;
import dev.sonora.server.ServerException;
import dev.sonora.server.TestData;
import dev.sonora.server.Wav;
import dev.sonora.server.buffer.AudioFileReader;
import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.synth.GraphBuilder;

class StreamTest {

    /** A counting source: frame k is (k + 1) / 2^20 on both sides, {@code total} frames, optionally held up. */
    static final class CountingSource implements StreamSource {
        final int total;
        volatile CountDownLatch gate; // while set, read() waits for it: a disk that stopped answering
        int next;

        CountingSource(int total) {
            this.total = total;
        }

        @Override
        public float sampleRate() {
            return 48000;
        }

        @Override
        public int read(float[] stereo, int max) throws java.io.IOException {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
            }
            if (next >= total) return -1;
            int n = Math.min(max, total - next);
            for (int i = 0; i < n; i++) {
                float v = (next + i + 1) / (float) (1 << 20);
                stereo[2 * i] = v;
                stereo[2 * i + 1] = -v;
            }
            next += n;
            return n;
        }

        @Override
        public void rewind() {
            next = 0;
        }

        @Override
        public void close() {
        }
    }

    private static NodeRef play(Rig rig, DiskStream s) {
        GraphBuilder b = new GraphBuilder();
        rig.server.addDef(b.build("st" + s.id(), b.unit("diskin", b.constant(s.id()), b.constant(1))));
        return rig.server.synth("st" + s.id(), new String[0], new float[0], AddAction.TAIL, rig.server.defaultGroup(),
                dev.sonora.server.rt.Command.NOW);
    }

    @Test
    void aStreamClosesWithItsOwnSynthNeverWithAnotherNodeOfTheSameId() {
        DiskThread disk = new DiskThread();
        try {
            StreamTable table = new StreamTable();
            DiskStream s = new DiskStream(table, null, "x", new CountingSource(1000), false, 64, 2, m -> { });
            RtSynth mine = new RtSynth(1005, "st");
            assertTrue(s.claim(mine));
            // ids are reused once a node ends: another node with this id ending is not this synth ending
            table.nodeEnded(new RtSynth(1005, "other"), disk);
            assertFalse(s.closed(), "closed by a stranger that had the same id");
            table.nodeEnded(mine, disk);
            assertTrue(s.closed());
            assertEquals(0, table.openCount());
        } finally {
            disk.close();
        }
    }

    @Test
    void aStalledDiskNeverStopsTheAudioAndPlaybackResumesWhereItLeftOff() throws Exception {
        try (Rig rig = new Rig()) {
            CountingSource src = new CountingSource(48000);
            DiskStream s = rig.server.streams().open(src, "counting", false, 256, 4);
            rig.server.catchUpDisk(); // the ring is full: 4 blocks of 256 frames
            CountDownLatch stalled = new CountDownLatch(1);
            src.gate = stalled;
            NodeRef n = play(rig, s);
            int from = rig.out.frames();
            for (int i = 0; i < 100; i++) rig.blocks(1); // 6400 frames; the ring holds 1024
            assertTrue(s.underflows() > 50, "underflows counted while the disk was stuck: " + s.underflows());
            long during = s.underflows();
            src.gate = null;
            stalled.countDown();
            for (int i = 0; i < 900; i++) {
                rig.server.catchUpDisk();
                rig.blocks(1);
            }
            assertEquals(during, s.underflows(), "no underflow once the disk keeps up");
            // the non-silent output is the source's frames in order: nothing skipped, nothing repeated
            float[] l = rig.out.left();
            float[] r = rig.out.right();
            int expect = 1;
            for (int i = from; i < rig.out.frames(); i++) {
                if (l[i] == 0f) continue;
                assertEquals(expect / (float) (1 << 20), l[i], "frame " + expect);
                assertEquals(-l[i], r[i]);
                expect++;
            }
            assertTrue(expect > 40000, "played on after the stall: " + expect);
            assertTrue(rig.errors.stream().anyMatch(e -> e.startsWith("stream counting: ") && e.contains("underflows")),
                    rig.errors.toString());
            assertTrue(n.playing() || expect >= 48000);
        }
    }

    @Test
    void aStreamPlaysTheFileExactlyThenFreesItsSynthAndCloses() throws Exception {
        Path f = TestData.dir("wav").resolve("formats/wav_2ch_48000hz_16bit_signed_integer_pcm.wav");
        var decoded = AudioFileReader.read(f);
        try (Rig rig = new Rig(dev.sonora.server.ServerOptions.defaults(), 48000 * 20)) {
            DiskStream s = rig.server.streams().open(f, false);
            rig.server.catchUpDisk();
            NodeRef n = play(rig, s);
            int from = rig.out.frames();
            int blocks = decoded.frames() / 64 + 20;
            for (int i = 0; i < blocks && n.playing(); i++) {
                rig.server.catchUpDisk();
                rig.blocks(1);
            }
            assertFalse(n.playing(), "ended at the end of the file");
            assertTrue(s.closed(), "closed with its synth");
            assertEquals(0, s.underflows());
            for (int i = 0; i < decoded.frames() - 1; i++) {
                assertEquals(decoded.channels()[0][i], rig.out.left()[from + i], "left " + i);
                assertEquals(decoded.channels()[1][i], rig.out.right()[from + i], "right " + i);
            }
        }
    }

    @Test
    void aDamagedFloatFileStreamsItsDamageAsSilenceAndSaysSo(@TempDir Path dir) throws Exception {
        Path f = java.nio.file.Files.write(dir.resolve("damaged.wav"), Wav.damagedFloat());
        try (Rig rig = new Rig()) {
            DiskStream s = rig.server.streams().open(f, false);
            rig.server.catchUpDisk();
            NodeRef n = play(rig, s);
            for (int i = 0; i < 200 && n.playing(); i++) {
                rig.server.catchUpDisk();
                rig.blocks(1);
            }
            assertFalse(n.playing(), "ended at the end of the file");
            float loudest = 0;
            for (float v : rig.out.left()) loudest = Math.max(loudest, Math.abs(v));
            assertEquals(0.25f, loudest, "the damage played as silence, the rest as it is");
            rig.server.catchUpDisk();
            assertTrue(rig.errors.stream().anyMatch(l -> l.matches("stream .*damaged.wav: 96 damaged samples so far \\(not numbers or beyond ±1000\\), played as silence")),
                    rig.errors.toString());
        }
    }

    @Test
    void aBadFileIsOneLine() throws Exception {
        try (Rig rig = new Rig()) {
            Path ogg = TestData.dir("wav").resolve("formats/vorbis_1ch_44100hz_0bit_vorbis.ogg");
            ServerException e = assertThrows(ServerException.class, () -> rig.server.streams().open(ogg, false));
            assertTrue(e.getMessage().startsWith(ogg + ": unsupported format"), e.getMessage());
            ServerException m = assertThrows(ServerException.class, () -> rig.server.streams().open(Path.of("nope.wav"), false));
            assertEquals("nope.wav: no such file", m.getMessage());
        }
    }
}
