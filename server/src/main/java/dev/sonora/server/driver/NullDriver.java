package dev.sonora.server.driver;

import java.util.concurrent.locks.LockSupport;

import dev.sonora.server.Server;
import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.StringLiterals;

/**
 * A silent driver paced by the clock, as a sound card would pace it: it keeps at most
 * {@code bufferFrames} of audio rendered ahead of real time, and counts an xrun whenever it
 * falls further behind than that (then resynchronises instead of rushing to catch up).
 * The default when no device opens, so timing, load and the REPL behave as live.
 */
public final class NullDriver implements Driver {
    /** Frames the clocked null driver renders ahead of real time by default, as a sound card's buffer. */
    public static final int DEFAULT_BUFFER_FRAMES = 1024;

    private final Server server;
    private final RtEngine engine;
    private final AudioOut out;
    private final int bufferFrames;
    private final Thread thread;
    private final RtPriority priority = new RtPriority();
    private final WorkerThreads workers;
    private volatile boolean stopping;

    public NullDriver(Server server, AudioOut out, int bufferFrames) {
        this.server = server;
        this.engine = server.engine();
        this.out = out;
        this.bufferFrames = Math.max(bufferFrames, server.blockSize());
        this.thread = AudioThread.create(server, () -> {
            priority.requestOnThisThread();
            loop();
        });
        this.workers = new WorkerThreads(server, true);
        StringLiterals.resolve(NullDriver.class, out.getClass()); // what only its thread runs: see StringLiterals
    }

    @Override
    public void start() {
        workers.start();
        thread.start();
    }

    /** Parallel-group tasks this driver's worker threads have run (tests). */
    public long workerTasksRun() {
        return workers.tasksRun();
    }

    private void loop() {
        final double nanosPerFrame = 1e9 / server.sampleRate();
        final long ahead = (long) (bufferFrames * nanosPerFrame);
        final int bs = server.blockSize();
        long t0 = System.nanoTime();
        long framesDone = 0;
        while (!stopping) {
            long audioTime = t0 + (long) (framesDone * nanosPerFrame); // wall time of next frame
            long now = System.nanoTime();
            if (audioTime > now + ahead) {
                LockSupport.parkNanos(Math.min(audioTime - now - ahead, 2_000_000L));
                continue;
            }
            if (audioTime < now - ahead) {
                // the device would have run dry: count it and resynchronise to now
                server.stats().countXrun();
                t0 = now - (long) (framesDone * nanosPerFrame);
            }
            engine.cycleStartsOnRt(audioTime - ahead); // the ideal time of this render: no jitter in the MIDI clock
            engine.renderBlock(out);
            framesDone += bs;
        }
    }

    public Thread audioThread() {
        return thread;
    }

    @Override
    public int outputLatencyFrames() {
        return bufferFrames;
    }

    @Override
    public String describe() {
        return "null driver (silent, clocked), " + server.sampleRate() + " Hz, block " + server.blockSize()
                + ", buffer " + bufferFrames + " frames, output latency " + Latency.ms(bufferFrames, server.sampleRate())
                + ", " + priority.describe() + ", " + workers.describe();
    }

    @Override
    public void close() {
        stopping = true;
        AudioThread.awaitEnd(thread, 1000);
        workers.close();
    }
}
