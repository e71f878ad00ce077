package dev.sonora.repl.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.StartTrace;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.driver.CorePinning;
import dev.sonora.server.driver.Driver;
import dev.sonora.server.driver.DriverChoice;
import dev.sonora.server.driver.FallbackDriver;
import dev.sonora.server.driver.JackDriver;
import dev.sonora.server.driver.JackSettings;
import dev.sonora.server.driver.JavaSoundDriver;
import dev.sonora.server.driver.MemoryLock;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.rt.DiscardOut;

/**
 * The live audio side: opens the requested driver (JACK, javasound, or the silent clocked
 * null driver; the default and the fallbacks are {@link DriverChoice}'s), starts the NRT thread, and on exit fades the
 * output out before stopping. Created and closed by the controlling (main) thread.
 */
public final class LiveAudio implements AutoCloseable {
    private static final double FADE_SECONDS = 0.05;

    private final Server server;
    private final Driver driver;
    private final int bufferFrames;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private boolean closed; // guarded by this
    private boolean running; // guarded by this: the driver was started

    private final CorePinning pinning; // null: the audio thread shares the CPUs
    private final String pinned;       // what the start line says about it, or null
    private volatile String memory;    // whether the memory is locked (MemoryLock), once the driver starts

    private LiveAudio(Server server, Driver driver, int bufferFrames, CorePinning pinning, String pinned) {
        this.server = server;
        this.driver = driver;
        this.bufferFrames = bufferFrames;
        this.pinning = pinning;
        this.pinned = pinned;
    }

    /**
     * Opens and starts audio. {@code driverName} is "jack", "javasound", "null" or null for
     * the default (JACK when a JACK server runs, else javasound, else null); a driver that
     * cannot open prints one line and the next one plays (see {@link DriverChoice}).
     */
    public static LiveAudio start(Server server, String driverName, String device, int bufferFrames, Output out) {
        return start(server, driverName, device, bufferFrames, JackSettings.defaults(), out);
    }

    /** As above, with the JACK client's ports and connections. */
    public static LiveAudio start(Server server, String driverName, String device, int bufferFrames, JackSettings jack, Output out) {
        // teach the JIT every kernel first (on this thread, while JS starts on the Lang thread)
        WarmKernels.forStage(server.options());
        LiveAudio audio = open(server, driverName, device, bufferFrames, jack, out);
        audio.startDriver();
        return audio;
    }

    /**
     * Opens the driver (a refusal throws {@link ServerException} now, as {@link #start} does)
     * but starts nothing: {@link #warmThenStart} does, once the front end is ready for it.
     * Commands sent meanwhile wait in the server's queue and play at the first block.
     */
    public static LiveAudio open(Server server, String driverName, String device, int bufferFrames, JackSettings jack, Output out) {
        return open(server, driverName, device, bufferFrames, jack, false, out);
    }

    /**
     * As above; with {@code pinAudio}, the audio thread gets a CPU of its own and, once the driver
     * has started, every other thread the rest ({@link CorePinning}), where there are two or more.
     */
    public static LiveAudio open(Server server, String driverName, String device, int bufferFrames, JackSettings jack,
                                 boolean pinAudio, Output out) {
        Consumer<String> say = out::err;
        // 0: each driver's own default
        int silentFrames = bufferFrames > 0 ? bufferFrames : NullDriver.DEFAULT_BUFFER_FRAMES;
        int deviceFrames = bufferFrames > 0 ? bufferFrames : JavaSoundDriver.DEFAULT_BUFFER_FRAMES;
        Supplier<Driver> silent = () -> new NullDriver(server, new DiscardOut(), silentFrames);
        DriverChoice.Opener javaSound = () -> new JavaSoundDriver(server, device, deviceFrames, 16, null);
        DriverChoice.Openers[] openers = new DriverChoice.Openers[1];
        DriverChoice.Opener jackOpener = () -> new FallbackDriver(new JackDriver(server, jack, say),
                () -> warmLater(server, DriverChoice.withoutJack(openers[0], say)), say);
        openers[0] = new DriverChoice.Openers(() -> JackDriver.serverRunning(jack.serverName()), jackOpener, javaSound,
                silent::get);
        Driver d = DriverChoice.open(driverName, openers[0], say);
        StringBuilder why = new StringBuilder();
        CorePinning pinning = pinAudio ? CorePinning.reserveLastCpu(why) : null;
        String pinned = pinning != null ? pinning.describe() : pinAudio ? why.toString() : null;
        return new LiveAudio(server, d, Math.max(silentFrames, deviceFrames), pinning, pinned);
    }

    /**
     * On a thread of its own: waits for {@code after} (the JS context, which then has the cores
     * to itself: on two cores the warm-up and its compilations slowed the first REPL result by
     * seconds), warms every kernel ({@link WarmKernels#forStage}), then starts the driver and
     * calls {@code onStart}. The kernels are still all compiled before the first live block.
     * Controlling thread.
     */
    public void warmThenStart(CompletableFuture<?> after, Runnable onStart) {
        Thread t = new Thread(() -> {
            after.handle((v, e) -> null).join(); // a context that failed to start delays nothing
            WarmKernels.forStage(server.options());
            try {
                if (startDriver()) onStart.run();
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "sonora-audio-start");
        t.setDaemon(true); // an exit during the warm-up does not wait for it
        t.start();
    }

    /** Starts the NRT thread and the driver, unless closed first; true if it started. */
    private synchronized boolean startDriver() {
        if (closed) return false;
        // the JS start and the warm-up are over: C2 gets its priority back where that is allowed
        StartTrace.mark(StartJitPriority.restore() ? "C2 priority back" : "C2 priority stays low (not permitted to raise it)");
        // what the warm-up touched stays in memory, and so does what the set touches later (MemoryLock);
        // -Dsonora.mlock=false leaves it to the kernel (an experiment's knob)
        memory = Boolean.parseBoolean(System.getProperty("sonora.mlock", "true")) ? MemoryLock.lockAll() : "memory not locked (-Dsonora.mlock=false)";
        StartTrace.mark(memory);
        server.startNrtThread();
        if (pinning != null) server.onAudioThreadEntry(pinning::audioThreadEnters);
        driver.start();
        // the warm-up and the JS start are over: from now on the audio thread's CPU is its own
        if (pinning != null) pinning.keepOthersOff();
        running = true;
        started.complete(null);
        StartTrace.mark("audio driver started");
        return true;
    }

    /** Completes when the driver has started (at once after {@link #start}). */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** A driver that took over mid-set: count its thread's allocation once it has run a little. */
    private static Driver warmLater(Server server, Driver d) {
        Thread t = new Thread(() -> {
            LockSupport.parkNanos(1_000_000_000L);
            server.markWarm();
        }, "sonora-warmup");
        t.setDaemon(true);
        t.start();
        return d;
    }

    public String describe() {
        String d = pinned == null ? driver.describe() : driver.describe() + ", " + pinned;
        return memory == null ? d : d + ", " + memory;
    }

    /** Frames from rendering to the speakers on the driver playing now (Link's output latency). */
    public int outputLatencyFrames() {
        return driver.outputLatencyFrames();
    }

    /**
     * Starts counting audio-thread allocation, and the peak block load, once the first blocks
     * have run: class loading, first-use allocation and the JIT's first compilations of the
     * live path are start-up costs, not the set's, so an idle prompt shows the idle figure.
     * Blocks briefly.
     */
    public void markWarmAfter(long millis) {
        NodeRef warm = WarmSynth.start(server);
        WarmObservers observers = WarmObservers.start(server, warm); // the status line's meter, scripts' meters
        for (long end = System.nanoTime() + millis * 1_000_000L; System.nanoTime() < end; ) {
            LockSupport.parkNanos(10_000_000L);
            observers.drain();
        }
        observers.stop();
        WarmSynth.stop(server, warm);
        LockSupport.parkNanos(50_000_000L); // the free goes through the audio thread and back
        server.markWarm();
        server.stats().resetPeakLoad();
    }

    /** Fades the main output out, then stops the driver and the server. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!running) {
            // closed during the warm-up: nothing has played, nothing to fade
            driver.close();
            if (pinning != null) pinning.close();
            server.close();
            return;
        }
        try {
            FadeOut.start(server, FADE_SECONDS);
            // the fade plus what the device still holds in its buffer
            long wait = (long) (FADE_SECONDS * 1e3) + 1000L * bufferFrames / server.sampleRate() + 20;
            LockSupport.parkNanos(wait * 1_000_000L);
        } catch (ServerException e) {
            // the server is already stopping or full: nothing to fade
        }
        try {
            // a recording takes the fade too, then its file is finished before the process ends
            var recording = server.recordings().stop();
            if (recording != null) recording.finished().get(3, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway; what was written so far has a valid header (patched as it grew)
        }
        driver.close();
        if (pinning != null) pinning.close();
        server.close();
    }
}
