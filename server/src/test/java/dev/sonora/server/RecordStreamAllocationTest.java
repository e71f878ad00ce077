package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.stream.DiskStream;
import dev.sonora.server.stream.StreamSource;
import dev.sonora.server.synth.GraphBuilder;

/** The RT rule with the Disk thread busy: recording and a looping stream under the usual load allocate 0 bytes on sonora-rt. */
class RecordStreamAllocationTest {

    @Test
    void recordingAndStreamingAllocateNothingOnTheAudioThread(@TempDir Path dir) throws Exception {
        try (Rig rig = new Rig()) {
            Load load = new Load(rig);
            StreamSource src = new StreamSource() {
                long k;

                @Override
                public float sampleRate() {
                    return 44100; // not the server's rate: the interpolating path
                }

                @Override
                public int read(float[] stereo, int max) {
                    for (int i = 0; i < 2 * max; i++) stereo[i] = (float) Math.sin(k++ * 0.01) * 0.1f;
                    return max;
                }

                @Override
                public void rewind() {
                }

                @Override
                public void close() {
                }
            };
            DiskStream s = rig.server.streams().open(src, "sine", true, 1024, 8);
            rig.server.catchUpDisk(); // the ring is full before the synth plays: no underflow from a slow first fill
            GraphBuilder b = new GraphBuilder();
            rig.server.addDef(b.build("streamer", b.unit("diskin", b.constant(s.id()), b.constant(1))));
            rig.server.synth("streamer", new String[0], new float[0], AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            dev.sonora.server.record.Recorder rec = rig.server.recordings().start(dir.resolve("load.wav"), 32);
            for (int i = 0; i < 3000; i++) {
                load.step();
                rig.server.catchUpDisk();
                if (i == 1500) rig.server.recordings().start(dir.resolve("warm.wav"), 32);
                if (i == 2000) rec = rig.server.recordings().start(dir.resolve("load.wav"), 32);
            }
            Thread rt = rig.driver.audioThread();
            // measured in windows of 1000 blocks, to show where an allocation came (the JIT's first
            // compiles made Strings here once: docs/design-notes.md); every window must be 0
            long[] windows = new long[8];
            for (int w = 0; w < windows.length; w++) {
                long before = Server.allocatedBytes(rt);
                for (int i = 0; i < 1000; i++) {
                    load.step();
                    rig.server.catchUpDisk();
                }
                if (w == 3) rig.server.recordings().start(dir.resolve("load2.wav"), 24); // swap mid-run
                windows[w] = Server.allocatedBytes(rt) - before;
            }
            assertEquals(0, java.util.Arrays.stream(windows).sum(), "bytes allocated by sonora-rt per window: " + java.util.Arrays.toString(windows));
            assertEquals(0, s.underflows());
            assertEquals(0, rec.lostBlocks());
            assertTrue(rec.framesWritten() > 3000 * 64, "first recording written: " + rec.framesWritten());
        }
    }
}
