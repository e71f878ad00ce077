package dev.sonora.server.driver;

import java.util.concurrent.locks.LockSupport;

import dev.sonora.server.Server;
import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.StringLiterals;

/**
 * Renders as fast as the CPU allows, in virtual time. The controlling thread asks for a number
 * of blocks with {@link #advance}; the {@code sonora-rt} thread renders them and hands control
 * back, so the controller can run clock callbacks and complete returns between steps (it is
 * the NRT owner while rendering offline: call {@link Server#pollReturns} after each step).
 */
public final class OfflineDriver implements Driver {
    /** How long either side spins (in onSpinWait rounds, ~1 ms) before it parks, while the other side answers that fast. */
    private static final int SPINS = 20_000;
    /**
     * How long it spins after its last wait had to park: the other side is busy for long stretches
     * (a script's JavaScript between steps, or many blocks a step), and a spinning thread would
     * only take a core from it, the JIT and the collector on a two-core machine.
     */
    private static final int SHORT_SPINS = 200;
    private final Server server;
    private final RtEngine engine;
    private final AudioOut out;
    private final Thread thread;
    private final WorkerThreads workers;
    private volatile int pending;
    private volatile boolean stopping;
    private volatile Thread controller;
    private long blocksRendered;
    private int controllerSpins = SPINS; // controller only: how long advance() spins this time

    public OfflineDriver(Server server, AudioOut out) {
        this.server = server;
        this.engine = server.engine();
        this.out = out;
        this.thread = AudioThread.create(server, this::loop);
        this.workers = new WorkerThreads(server, false); // a render has no deadline: no real-time request
        StringLiterals.resolve(OfflineDriver.class, out.getClass()); // what only its thread runs: see StringLiterals
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
        int idle = 0;
        boolean parked = false; // whether this wait for work has parked (then the next one spins briefly)
        int spins = SPINS;
        while (!stopping) {
            int n = pending;
            if (n == 0) {
                // renders often go one block per step: a spin keeps the hand-over in the
                // microseconds (park/unpark costs tens of them); then sleep until asked
                if (++idle < spins) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    LockSupport.park(this);
                }
                continue;
            }
            spins = parked ? SHORT_SPINS : SPINS;
            parked = false;
            idle = 0;
            for (int i = 0; i < n; i++) {
                engine.renderBlock(out);
            }
            pending = 0;
            LockSupport.unpark(controller);
        }
    }

    /** Renders {@code blocks} blocks on the audio thread and returns when they are done. Controller only. */
    public void advance(int blocks) {
        if (blocks <= 0) return;
        if (!thread.isAlive()) throw new IllegalStateException("offline driver not started");
        controller = Thread.currentThread();
        pending = blocks;
        LockSupport.unpark(thread);
        int spins = 0;
        boolean parked = false;
        while (pending != 0) {
            if (++spins < controllerSpins) {
                Thread.onSpinWait();
            } else {
                parked = true;
                LockSupport.park(this);
            }
        }
        controllerSpins = parked ? SHORT_SPINS : SPINS;
        blocksRendered += blocks;
    }

    /** Renders until the server's sample clock reaches at least {@code sampleTime}. Controller only. */
    public void advanceTo(long sampleTime) {
        long now = server.sampleTime();
        if (sampleTime <= now) return;
        int bs = server.blockSize();
        advance((int) ((sampleTime - now + bs - 1) / bs));
    }

    public long blocksRendered() {
        return blocksRendered;
    }

    /** The audio thread, for allocation checks. */
    public Thread audioThread() {
        return thread;
    }

    @Override
    public String describe() {
        return "offline renderer, " + server.sampleRate() + " Hz, block " + server.blockSize() + ", " + workers.describe();
    }

    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        AudioThread.awaitEnd(thread, 2000);
        workers.close();
    }
}
