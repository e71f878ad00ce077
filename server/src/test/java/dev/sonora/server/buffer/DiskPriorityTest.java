package dev.sonora.server.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerListener;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.record.Recorder;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.stream.DiskStream;
import dev.sonora.server.stream.FileStreamSource;
import dev.sonora.server.synth.GraphBuilder;

/**
 * Disk priorities (issue 12, item 5): a long decode shares the Disk thread with a playing stream
 * and a running recording, live (the clocked null driver), with every decode slice slowed.
 */
class DiskPriorityTest {

    @Test
    void aLongDecodeNeverStarvesAStreamOrARecordingOnASlowDisk(@TempDir Path dir) throws Exception {
        Path longFile = DecodeJobTest.writeWav(dir.resolve("long.wav"), 44100, 60); // 44.1 kHz: resampled to 48 kHz
        Path loopFile = DecodeJobTest.writeWav(dir.resolve("loop.wav"), 48000, 3);
        Server server = new Server(ServerOptions.defaults());
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.addListener(new ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        NullDriver driver = new NullDriver(server, (l, r, n) -> { }, 1024);
        server.startNrtThread();
        driver.start();
        try {
            AtomicInteger slices = new AtomicInteger();
            server.disk().throttleSlicesForTest(() -> {
                slices.incrementAndGet();
                LockSupport.parkNanos(2_000_000L); // a slow disk: every decode slice takes 2 ms longer
            });
            // the stream and the recording use their default rings (about 1.4 s of audio each)
            DiskStream stream = server.streams().open(new FileStreamSource(loopFile), "loop.wav", true,
                    DiskStream.DEFAULT_BLOCK_FRAMES, DiskStream.DEFAULT_RING_BLOCKS);
            server.catchUpDisk(); // the ring is full before the synth plays
            GraphBuilder b = new GraphBuilder();
            server.addDef(b.build("streamer", b.unit("diskin", b.constant(stream.id()), b.constant(1))));
            server.synth("streamer", new String[0], new float[0], AddAction.TAIL, server.defaultGroup(), Command.NOW);
            Recorder rec = server.recordings().start(dir.resolve("take.wav"), 32);
            LockSupport.parkNanos(100_000_000L); // both running before the load starts

            BufferRef ref = server.loadBuffer(longFile);
            Buffer loaded = ref.ready().get(120, TimeUnit.SECONDS);
            LockSupport.parkNanos(200_000_000L); // and a little after it
            server.recordings().stop();
            rec.finished().get(10, TimeUnit.SECONDS);

            assertEquals(0, stream.underflows(), "the stream never ran dry while the file loaded; " + errors);
            assertEquals(0, rec.lostBlocks(), "no recording block lost while the file loaded; " + errors);
            assertFalse(rec.failed());
            assertTrue(rec.framesWritten() > 48000, "recorded all along: " + rec.framesWritten());
            assertTrue(slices.get() > 1, "the decode ran in slices: " + slices.get());
            driver.close();

            // the loaded buffer is the whole file, sample for sample what a one-shot decode gives
            AudioFileReader.Decoded whole = AudioFileReader.read(longFile);
            assertEquals(2, loaded.channels());
            assertEquals(60 * 48000, loaded.frames());
            for (int c = 0; c < 2; c++) {
                assertArrayEquals(Resampler.convert(whole.channels()[c], 44100, 48000), loaded.channel(c), "channel " + c);
            }
            assertEquals(List.of(), errors);
        } finally {
            driver.close();
            server.close();
        }
    }

    @Test
    void everyQueuedTaskAndEveryServiceRunBeforeTheNextSlice() throws Exception {
        DiskThread disk = new DiskThread();
        try {
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            DiskService service = new DiskService() {
                @Override
                public void serviceOnDisk() {
                    log.add("service");
                }

                @Override
                public boolean caughtUp() {
                    return true;
                }

                @Override
                public boolean urgent() {
                    return false;
                }
            };
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            disk.submitSliced(new SlicedJob() {
                int slice;

                @Override
                public boolean stepOnDisk() {
                    log.add("slice " + slice);
                    if (slice == 3) disk.addService(service);
                    if (slice == 5) disk.submit(() -> log.add("task"));
                    if (++slice < 10) return false;
                    done.countDown();
                    return true;
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            disk.awaitIdle();
            List<String> seen;
            synchronized (log) {
                seen = new ArrayList<>(log);
            }
            int s5 = seen.indexOf("slice 5");
            assertEquals(List.of("slice 5", "task", "service", "slice 6"), seen.subList(s5, s5 + 4),
                    "a task queued during a slice, then the services, then the next slice: " + seen);
            for (int i = 4; i < 10; i++) {
                assertEquals("service", seen.get(seen.indexOf("slice " + i) - 1), "serviced before slice " + i + ": " + seen);
            }
            assertEquals(0, disk.pending());
        } finally {
            disk.close();
        }
    }
}
