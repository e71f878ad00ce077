package dev.sonora.server.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Rig;
import dev.sonora.server.ServerException;
import dev.sonora.server.Wav;
import dev.sonora.server.rt.Command;

class RecordingTest {

    @Test
    void aRecordingHoldsExactlyTheBlocksTheDriverGot(@TempDir Path dir) throws Exception {
        try (Rig rig = new Rig()) {
            rig.definePing();
            rig.blocks(10);
            int startFrame = rig.out.frames();
            Path take = dir.resolve("take.wav");
            Recorder r = rig.server.recordings().start(take, 32);
            for (int i = 0; i < 600; i++) {
                if (i % 7 == 0) rig.play("ping", "freq", 300 + i);
                rig.blocks(1);
                rig.server.catchUpDisk();
            }
            rig.server.recordings().stop();
            rig.blocks(1); // the stop takes effect at the top of this block
            int endFrame = rig.out.frames() - 64;
            r.finished().get(10, TimeUnit.SECONDS);
            Wav wav = Wav.read(take);
            wav.assertHeaderMatchesTheFile();
            float[] rec = wav.samples();
            assertEquals(2 * (endFrame - startFrame), rec.length, "every block between start and stop, nothing more");
            for (int i = 0; i < rec.length / 2; i++) {
                assertEquals(Float.floatToIntBits(rig.out.left()[startFrame + i]), Float.floatToIntBits(rec[2 * i]), "left " + i);
                assertEquals(Float.floatToIntBits(rig.out.right()[startFrame + i]), Float.floatToIntBits(rec[2 * i + 1]), "right " + i);
            }
            assertEquals(0, r.lostBlocks());
            assertFalse(r.failed());
            assertTrue(rig.errors.isEmpty(), rig.errors.toString());
        }
    }

    @Test
    void aFullPoolIsCountedAndReportedNotWaitedFor(@TempDir Path dir) throws Exception {
        try (Rig rig = new Rig()) {
            Recorder r = rig.server.recordings().start(dir.resolve("slow.wav"), 24, 8, -1);
            r.slowDownForTest(20_000_000L); // 20 ms a block: far slower than the audio
            for (int i = 0; i < 300; i++) rig.blocks(1); // the audio thread never waits for the disk
            long lost = r.lostBlocks();
            assertTrue(lost > 100, "blocks lost while the pool was empty: " + lost);
            r.slowDownForTest(0);
            rig.server.recordings().stop();
            rig.blocks(1);
            r.finished().get(10, TimeUnit.SECONDS);
            long lines = rig.errors.stream().filter(e -> e.contains("lost so far")).count();
            assertTrue(lines >= 1 && lines <= 3, "reported at most once a second (plus the final count): " + rig.errors);
            assertEquals(300 + 1 - lost, r.framesWritten() / 64 + 0, 1.0, "what was not lost was written");
        }
    }

    @Test
    void anUnwritablePathIsOneLineAndNothingStarts(@TempDir Path dir) throws Exception {
        try (Rig rig = new Rig()) {
            Path bad = dir.resolve("no/such/folder/take.wav");
            ServerException e = assertThrows(ServerException.class, () -> rig.server.recordings().start(bad, 32));
            assertEquals("record: cannot write " + bad + " (folder " + bad.getParent() + " does not exist)", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            ServerException f = assertThrows(ServerException.class, () -> rig.server.recordings().start(dir, 32));
            assertTrue(f.getMessage().startsWith("record: cannot write " + dir), f.getMessage());
            if (Files.exists(Path.of("/dev/full"))) {
                ServerException full = assertThrows(ServerException.class,
                        () -> rig.server.recordings().start(Path.of("/dev/full"), 32));
                assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
            }
            assertEquals(null, rig.server.recordings().current());
            rig.blocks(10); // the music goes on
            assertEquals(640 + 0, rig.out.frames());
        }
    }

    @Test
    void sixteenAndTwentyFourBitFilesAreReadableByTheJdk(@TempDir Path dir) throws Exception {
        for (int bits : new int[] {16, 24}) {
            try (Rig rig = new Rig()) {
                rig.defineDc();
                rig.playAt("dc", Command.NOW, "amp", 0.5);
                Path p = dir.resolve("b" + bits + ".wav");
                Recorder r = rig.server.recordings().start(p, bits);
                rig.blocks(20);
                rig.server.recordings().stop();
                rig.blocks(1);
                r.finished().get(10, TimeUnit.SECONDS);
                var decoded = dev.sonora.server.buffer.AudioFileReader.read(p);
                assertEquals(20 * 64, decoded.frames());
                assertEquals(0.5, decoded.channels()[0][500], 1e-4);
            }
        }
    }
}
