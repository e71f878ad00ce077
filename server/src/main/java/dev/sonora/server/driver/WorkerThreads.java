package dev.sonora.server.driver;

import dev.sonora.server.Server;
import dev.sonora.server.rt.RtWorker;

/**
 * A driver's audio worker threads, {@code sonora-rt-worker-1} … {@code -N} (N from
 * {@code ServerOptions.workers}): they run parallel groups' children beside the audio thread
 * ({@link RtWorker}). Live drivers ask for the audio thread's real-time priority for each (the
 * same {@link RtPriority} request, made by the worker itself before its loop); the offline driver
 * does not. Started with the driver, stopped when it closes. Any thread.
 */
final class WorkerThreads {
    static final String NAME = "sonora-rt-worker-";

    private final RtWorker[] loops;
    private final Thread[] threads;
    // only made for live drivers: a render needs no native call (nor JNA on its class path)
    private final RtPriority priority;
    private final boolean realtime;

    WorkerThreads(Server server, boolean realtime) {
        this.realtime = realtime;
        this.priority = realtime ? new RtPriority() : null;
        int n = server.options().workers();
        loops = new RtWorker[n];
        threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            RtWorker loop = server.workerLoop(i + 1);
            loops[i] = loop;
            RtPriority mine = !realtime || i == 0 ? priority : new RtPriority(); // the first one's answer is the one described
            threads[i] = new Thread(() -> {
                server.workerThreadStarted(Thread.currentThread());
                if (realtime) mine.requestOnThisThread();
                loop.runOnWorker();
            }, NAME + (i + 1));
            threads[i].setPriority(Thread.MAX_PRIORITY);
            threads[i].setDaemon(true);
        }
    }

    void start() {
        for (Thread t : threads) t.start();
    }

    /** For the start line: how many workers, and what priority they got. */
    String describe() {
        if (threads.length == 0) return "no audio workers";
        String what = threads.length == 1 ? "1 audio worker" : threads.length + " audio workers";
        return realtime ? what + " (" + priority.describe() + ")" : what;
    }

    /** Tasks run by these workers so far (tests). */
    long tasksRun() {
        long sum = 0;
        for (RtWorker w : loops) sum += w.tasksRun();
        return sum;
    }

    /** Stops every worker after its current task and waits for it. */
    void close() {
        for (RtWorker w : loops) w.stop();
        for (Thread t : threads) AudioThread.awaitEnd(t, 1000);
    }
}
