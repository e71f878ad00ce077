package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.JackDriver;
import dev.sonora.server.driver.JackSettings;
import dev.sonora.server.driver.JackTestServer;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.rt.RtWorker;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The RT rule beyond allocation, proved by a flight recording: live, on the clocked null driver,
 * under the busy set of the allocation proofs (with parallel groups), the audio thread and the
 * audio worker threads never enter or wait on a monitor, never park and never read or write a
 * file or socket, except the driver's own wait for the (virtual) device: {@code NullDriver.loop}
 * parking until the next block is due, and a worker's idle doze, {@code RtWorker.idle}, taken
 * only with no task in hand.
 * Every event is recorded (threshold 0), so a short wait shows as surely as a long one. (JFR
 * records a monitor enter only when the thread had to wait for it: an uncontended lock is
 * not seen.) On JACK, when a JACK server can be started, the same holds on JACK's thread.
 */
class RtNoBlockingTest {
    /** Events that mean the thread blocked or did I/O. */
    private static final List<String> BLOCKING = List.of("jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.ThreadPark",
            "jdk.ThreadSleep", "jdk.FileRead", "jdk.FileWrite", "jdk.SocketRead", "jdk.SocketWrite");
    /** The one wait allowed: the driver pacing itself like a device. */
    private static final String DEVICE_WAIT = NullDriver.class.getName() + ".loop";
    /** A worker's one wait: idle, between tasks. */
    private static final String WORKER_IDLE = RtWorker.class.getName() + ".idle";

    @Test
    void theAudioThreadNeitherLocksNorParksNorDoesIoUnderLoad() throws Exception {
        Server server = new Server(ServerOptions.defaults());
        NullDriver driver = new NullDriver(server, new DiscardOut(), 256);
        try {
            server.startNrtThread();
            driver.start();
            assertNothingBlocksOnTheAudioThread(server, driver::audioThread, DEVICE_WAIT, driver::workerTasksRun);
        } finally {
            driver.close();
            server.close();
        }
    }

    /** The same on JACK's own thread: its wait for the device is in native code, so no wait at all is allowed here. */
    @Test
    void jacksThreadNeitherLocksNorParksNorDoesIoUnderLoad() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, 128)) {
            Server server = new Server(ServerOptions.defaults());
            JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(jack.name()).withConnect(false), s -> { });
            try {
                server.startNrtThread();
                driver.start();
                assertNothingBlocksOnTheAudioThread(server, driver::audioThread, null, driver::workerTasksRun);
            } finally {
                driver.close();
                server.close();
            }
        }
    }

    private static void assertNothingBlocksOnTheAudioThread(Server server, Supplier<Thread> audioThread, String deviceWait,
                                                            LongSupplier workerTasks) throws Exception {
        Path jfr = Files.createTempFile("sonora-rt-blocking", ".jfr");
        try (Recording recording = new Recording()) {
            for (String e : BLOCKING) recording.enable(e).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)); // to see the audio thread at all
            // the test thread sleeps (not parks) between blocks: fewer events to record and read
            Load load = new Load(server, () -> {
                long until = server.sampleTime() + server.blockSize();
                long giveUp = System.nanoTime() + 10_000_000_000L; // a stop condition: a device that stopped playing
                try {
                    while (server.sampleTime() < until) {
                        if (System.nanoTime() > giveUp) throw new AssertionError("the audio stopped: no block in 10 s");
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).parallel().observed(); // meters, some on notes inside the parallel group (measured on the workers)
            for (int i = 0; i < 1000; i++) load.step(); // warm-up: about 2 s of the set
            Instant warm = Instant.now();
            long tasksBefore = workerTasks.getAsLong();
            recording.start();
            for (int i = 0; i < 1000; i++) load.step();
            recording.stop();
            recording.dump(jfr);
            long tasks = workerTasks.getAsLong() - tasksBefore;
            long thread = audioThread.get().threadId();
            Set<Long> workers = new HashSet<>();
            for (Thread w : server.workerThreads()) workers.add(w.threadId());
            List<String> onRt = new ArrayList<>();
            int deviceWaits = 0;
            int workerIdles = 0;
            int samples = 0;
            Map<String, Integer> seen = new TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                seen.merge((e.getThread() == null ? "?" : e.getThread().getJavaName()) + " " + e.getEventType().getName(), 1, Integer::sum);
                if (e.getEventType().getName().equals("jdk.ExecutionSample")) { // the thread sampled is a field of its own
                    var sampled = e.getThread("sampledThread");
                    if (sampled != null && sampled.getJavaThreadId() == thread && e.getStartTime().isAfter(warm)) samples++;
                    continue;
                }
                if (e.getThread() == null || e.getStartTime().isBefore(warm)) continue;
                long id = e.getThread().getJavaThreadId();
                if (id != thread && !workers.contains(id)) continue;
                String caller = firstOwnFrame(e.getStackTrace());
                boolean park = e.getEventType().getName().equals("jdk.ThreadPark");
                if (park && id == thread && caller.equals(deviceWait)) {
                    deviceWaits++;
                } else if (park && workers.contains(id) && caller.equals(WORKER_IDLE)) {
                    workerIdles++;
                } else if (onRt.size() < 20) {
                    onRt.add(e.getThread().getJavaName() + ": " + e.getEventType().getName() + " in " + caller);
                }
            }
            assertEquals(List.of(), onRt, "blocking or I/O on the audio thread or a worker (besides " + deviceWaits
                    + " device waits and " + workerIdles + " idle dozes)");
            assertEquals(server.options().workers(), workers.size(), "the workers were seen");
            if (!workers.isEmpty()) assertTrue(tasks > 0, "the workers ran parallel tasks while recorded: " + tasks);
            // the recording works: the NRT thread's idle waits are parks, and are seen (the audio
            // thread's own device waits may be none at all when a loaded machine keeps it behind)
            assertTrue(seen.getOrDefault("sonora-nrt jdk.ThreadPark", 0) > 0, "events seen: " + seen);
            assertTrue(samples > 0, "the recording saw the audio thread run: " + seen);
            assertTrue(load.notesStarted > 3000, "the set played: " + load.notesStarted + " notes");
            assertEquals(0, server.stats().publishedRtErrors);
        } finally {
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
