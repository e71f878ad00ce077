package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The RT rule, proved: after warm-up the audio thread allocates nothing while thousands of
 * notes start and end, controls are set in storms and groups are moved, paused and freed.
 */
class RtAllocationTest {
    private static final int WARM_BLOCKS = 3000;
    private static final int LOAD_BLOCKS = 6000;

    @Test
    void theAudioThreadAllocatesNothingUnderLoad() {
        try (Rig rig = new Rig()) {
            Load load = new Load(rig);
            for (int i = 0; i < WARM_BLOCKS; i++) load.step();
            Thread rt = rig.driver.audioThread();
            long before = Server.allocatedBytes(rt);
            assertTrue(before >= 0, "the JVM must report per-thread allocation for this proof (-1: unsupported)");
            rig.server.markWarm();
            long started = load.notesStarted;
            long ended = load.notesEnded;
            // measured in windows, to show where an allocation came: the JIT's first compiles made
            // Strings here once (docs/design-notes.md) until AudioThreadClasses made them first
            long[] windows = new long[6];
            long mark = before;
            for (int w = 0; w < windows.length; w++) {
                for (int i = 0; i < LOAD_BLOCKS / windows.length; i++) load.step();
                long now = Server.allocatedBytes(rt);
                windows[w] = now - mark;
                mark = now;
            }
            long after = mark;
            assertTrue(load.notesStarted - started > 15_000, "thousands of notes started under load");
            assertTrue(load.notesEnded - ended > 15_000, "and ended (envelopes, releases, group frees)");
            assertEquals(0, rig.server.stats().publishedRtErrors);
            assertEquals(0, after - before,
                    "bytes allocated by sonora-rt after warm-up, per window of 1000 blocks: " + java.util.Arrays.toString(windows));
            assertEquals(after - before, rig.server.status().rtAllocBytes(), "status() reports the same figure");
            assertEquals("sonora-rt", rt.getName());
        }
    }

    /**
     * The same load with parallel groups (issue 14), metered (meters on notes inside the parallel
     * groups are measured in the tasks' lanes): neither the audio thread nor the worker threads
     * that ran the groups' tasks allocate.
     */
    @Test
    void parallelGroupsAllocateNothingOnTheAudioThreadNorTheWorkers() {
        try (Rig rig = new Rig(ServerOptions.defaults().withWorkers(1), 48000 * 4)) {
            Load load = new Load(rig).parallel().observed(); // meters on notes inside the parallel group too
            for (int i = 0; i < WARM_BLOCKS; i++) load.step();
            Thread rt = rig.driver.audioThread();
            Thread[] workers = rig.server.workerThreads();
            assertEquals(1, workers.length, "one worker thread");
            assertEquals("sonora-rt-worker-1", workers[0].getName());
            rig.server.markWarm();
            long tasksBefore = rig.driver.workerTasksRun();
            long[] rtWindows = new long[6];
            long[] workerWindows = new long[6];
            long rtMark = Server.allocatedBytes(rt);
            long workerMark = Server.allocatedBytes(workers[0]);
            for (int w = 0; w < rtWindows.length; w++) {
                for (int i = 0; i < LOAD_BLOCKS / rtWindows.length; i++) load.step();
                long r = Server.allocatedBytes(rt);
                long k = Server.allocatedBytes(workers[0]);
                rtWindows[w] = r - rtMark;
                workerWindows[w] = k - workerMark;
                rtMark = r;
                workerMark = k;
            }
            long tasks = rig.driver.workerTasksRun() - tasksBefore;
            assertTrue(tasks > 1000, "the worker ran tasks: " + tasks);
            assertEquals(0, rig.server.stats().publishedRtErrors);
            assertEquals(0, java.util.Arrays.stream(rtWindows).sum(),
                    "bytes allocated by sonora-rt, per window of 1000 blocks: " + java.util.Arrays.toString(rtWindows));
            assertEquals(0, java.util.Arrays.stream(workerWindows).sum(),
                    "bytes allocated by sonora-rt-worker-1, per window of 1000 blocks: " + java.util.Arrays.toString(workerWindows));
            long both = java.util.Arrays.stream(rtWindows).sum() + java.util.Arrays.stream(workerWindows).sum();
            assertEquals(both, rig.server.status().rtAllocBytes(), "status() counts the audio thread and the worker");
        }
    }

    /** The same load, metered and scoped (issue 15): observers add nothing to the audio thread's allocation. */
    @Test
    void metersAndScopesAllocateNothingOnTheAudioThread() {
        try (Rig rig = new Rig()) {
            Load load = new Load(rig).observed();
            for (int i = 0; i < WARM_BLOCKS; i++) load.step();
            Thread rt = rig.driver.audioThread();
            long before = Server.allocatedBytes(rt);
            long readings = load.readings;
            long[] windows = new long[6];
            long mark = before;
            for (int w = 0; w < windows.length; w++) {
                for (int i = 0; i < LOAD_BLOCKS / windows.length; i++) load.step();
                long now = Server.allocatedBytes(rt);
                windows[w] = now - mark;
                mark = now;
            }
            assertTrue(load.readings - readings > 2000, "the meters measured: " + (load.readings - readings) + ", node meters added " + load.nodeMeters);
            assertTrue(load.scopeFrames > 20, "the scope handed frames over: " + load.scopeFrames);
            assertEquals(0, rig.server.stats().publishedRtErrors);
            assertEquals(0, mark - before,
                    "bytes allocated by sonora-rt with observers, per window of 1000 blocks: " + java.util.Arrays.toString(windows));
        }
    }

    @Test
    void aFlightRecordingShowsNoAllocationOnTheAudioThread() throws Exception {
        Path jfr = Files.createTempFile("sonora-rt", ".jfr");
        try (Rig rig = new Rig(); Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000000/s");
            recording.enable("jdk.ObjectAllocationInNewTLAB");
            recording.enable("jdk.ObjectAllocationOutsideTLAB");
            Load load = new Load(rig);
            for (int i = 0; i < WARM_BLOCKS; i++) load.step();
            Instant warm = Instant.now();
            recording.start();
            for (int i = 0; i < LOAD_BLOCKS; i++) load.step();
            recording.stop();
            recording.dump(jfr);
            List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
            List<String> onRt = new ArrayList<>();
            int allocationEvents = 0;
            for (RecordedEvent e : events) {
                if (!e.getEventType().getName().startsWith("jdk.ObjectAllocation")) continue;
                allocationEvents++;
                if (e.getThread() != null && "sonora-rt".equals(e.getThread().getJavaName())
                        && e.getStartTime().isAfter(warm)) {
                    onRt.add(e.getEventType().getName() + " " + e.getClass("objectClass").getName());
                }
            }
            // the recording works: the test thread itself allocates plenty, and is seen doing so
            assertTrue(allocationEvents > 0, "the recording saw no allocation at all");
            assertTrue(onRt.isEmpty(), "allocation samples on sonora-rt: " + onRt);
        } finally {
            Files.deleteIfExists(jfr);
        }
    }
}
