package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.DiscardOut;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.nrt.Server;
import dev.sonora.server.nrt.ServerOptions;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The RT rule beyond allocation, proved by a flight recording: live, on the clocked null driver,
 * under the busy set of the allocation proofs, the audio thread never enters or waits on a
 * monitor, never parks and never reads or writes a file or socket, except the driver's own wait
 * for the (virtual) device: {@code NullDriver.loop} parking until the next block is due.
 * Every event is recorded (threshold 0), so a short lock shows as surely as a long one.
 */
class RtNoBlockingTest {
    /** Events that mean the thread blocked or did I/O. */
    private static final List<String> BLOCKING = List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
            "jdk.ThreadSleep", "jdk.FileRead", "jdk.FileWrite", "jdk.SocketRead", "jdk.SocketWrite");
    /** The one wait allowed: the driver pacing itself like a device. */
    private static final String DEVICE_WAIT = NullDriver.class.getName() + ".loop";

    @Test
    void theAudioThreadNeitherLocksNorParksNorDoesIoUnderLoad() throws Exception {
        Path jfr = Files.createTempFile("sonora-rt-blocking", ".jfr");
        Server server = new Server(ServerOptions.defaults());
        NullDriver driver = new NullDriver(server, new DiscardOut(), 256);
        try (Recording recording = new Recording()) {
            for (String e : BLOCKING) recording.enable(e).withThreshold(Duration.ZERO).withStackTrace();
            server.startNrtThread();
            driver.start();
            // the test thread sleeps (not parks) between blocks: fewer events to record and read
            Load load = new Load(server, () -> {
                long until = server.sampleTime() + server.blockSize();
                try {
                    while (server.sampleTime() < until) Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 1000; i++) load.step(); // warm-up: about 2 s of the set
            Instant warm = Instant.now();
            recording.start();
            for (int i = 0; i < 1000; i++) load.step();
            recording.stop();
            recording.dump(jfr);
            long thread = driver.audioThread().threadId();
            List<String> onRt = new ArrayList<>();
            int deviceWaits = 0;
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                seen.merge((e.getThread() == null ? "?" : e.getThread().getJavaName()) + " " + e.getEventType().getName(), 1, Integer::sum);
                if (e.getThread() == null || e.getThread().getJavaThreadId() != thread || e.getStartTime().isBefore(warm)) continue;
                String caller = firstOwnFrame(e.getStackTrace());
                if (e.getEventType().getName().equals("jdk.ThreadPark") && DEVICE_WAIT.equals(caller)) {
                    deviceWaits++;
                } else if (onRt.size() < 20) {
                    onRt.add(e.getEventType().getName() + " in " + caller);
                }
            }
            assertEquals(List.of(), onRt, "blocking or I/O on the audio thread (besides " + deviceWaits + " device waits)");
            // the recording works: the NRT thread's idle waits are parks, and are seen (the audio
            // thread's own device waits may be none at all when a loaded machine keeps it behind)
            assertTrue(seen.getOrDefault("sonora-nrt jdk.ThreadPark", 0) > 0, "events seen: " + seen);
            assertTrue(load.notesStarted > 3000, "the set played: " + load.notesStarted + " notes");
            assertEquals(0, server.stats().publishedRtErrors);
        } finally {
            driver.close();
            server.close();
            Files.deleteIfExists(jfr);
        }
    }

    /** The first frame outside the JDK: who asked to wait. */
    private static String firstOwnFrame(RecordedStackTrace st) {
        if (st == null) return "(no stack)";
        for (RecordedFrame f : st.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) return type + "." + f.getMethod().getName();
        }
        return "(JDK only)";
    }
}
