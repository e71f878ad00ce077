package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.nrt.Server;
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
            for (int i = 0; i < LOAD_BLOCKS; i++) load.step();
            long after = Server.allocatedBytes(rt);
            assertTrue(load.notesStarted - started > 15_000, "thousands of notes started under load");
            assertTrue(load.notesEnded - ended > 15_000, "and ended (envelopes, releases, group frees)");
            assertEquals(0, rig.server.stats().publishedRtErrors);
            assertEquals(0, after - before, "bytes allocated by sonora-rt after warm-up");
            assertEquals(0, rig.server.status().rtAllocBytes());
            assertEquals("sonora-rt", rt.getName());
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
            assertEquals(List.of(), onRt, "allocation samples on sonora-rt");
        } finally {
            Files.deleteIfExists(jfr);
        }
    }
}
