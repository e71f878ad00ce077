package dev.sonora.server;

/**
 * Server sizes. Any thread.
 *
 * @param maxNodes        node table capacity (ids are slots)
 * @param commandCapacity commands in flight at most (queued, scheduled or returning)
 * @param workers         audio worker threads that run parallel groups beside the audio thread (0: none)
 */
public record ServerOptions(int sampleRate, int blockSize, int maxNodes, int audioBuses, int controlBuses,
                            int commandCapacity, int workers) {
    /** Worker threads at most, whatever the machine: parallel groups pay off on a few cores, not on many. */
    public static final int MAX_WORKERS = 7;

    public ServerOptions(int sampleRate, int blockSize, int maxNodes, int audioBuses, int controlBuses, int commandCapacity) {
        this(sampleRate, blockSize, maxNodes, audioBuses, controlBuses, commandCapacity, defaultWorkers());
    }

    public static ServerOptions defaults() {
        return new ServerOptions(48000, 64, 4096, 128, 4096, 8192);
    }

    /** One worker per core besides the audio thread's, at most {@link #MAX_WORKERS}. */
    public static int defaultWorkers() {
        return Math.max(0, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Live, with the audio thread on a CPU of its own: one worker per core besides that one and
     * one more for everything else (the JS thread, the collector, the compilers), at most
     * {@link #MAX_WORKERS}; none on two cores. A worker there shares its core with the JS thread
     * and the audio thread waits for it: on this project's 2-core VM a 10-minute soak with one
     * worker had 300 JACK xruns and 1217 dropouts, against 23 and none without.
     */
    public static int workersBesideOwnAudioCpu() {
        return Math.max(0, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors() - 2));
    }

    public ServerOptions withWorkers(int n) {
        return new ServerOptions(sampleRate, blockSize, maxNodes, audioBuses, controlBuses, commandCapacity, n);
    }

    public ServerOptions withSampleRate(int sr) {
        return new ServerOptions(sr, blockSize, maxNodes, audioBuses, controlBuses, commandCapacity, workers);
    }

    public ServerOptions withBlockSize(int bs) {
        return new ServerOptions(sampleRate, bs, maxNodes, audioBuses, controlBuses, commandCapacity, workers);
    }

    public ServerOptions withMaxNodes(int n) {
        return new ServerOptions(sampleRate, blockSize, n, audioBuses, controlBuses, commandCapacity, workers);
    }

    public ServerOptions withCommandCapacity(int n) {
        return new ServerOptions(sampleRate, blockSize, maxNodes, audioBuses, controlBuses, n, workers);
    }

    /** Refuses sizes the server cannot run with, in words. */
    public void check() {
        if (sampleRate < 8000 || sampleRate > 384000) throw new ServerException("sample rate " + sampleRate + " Hz is out of range (8000..384000)");
        if (blockSize < 1 || blockSize > 4096) throw new ServerException("block size " + blockSize + " is out of range (1..4096)");
        if (maxNodes < 16) throw new ServerException("max nodes " + maxNodes + " is too small (16 at least)");
        if (commandCapacity < 16) throw new ServerException("command capacity " + commandCapacity + " is too small");
        if (audioBuses < 2) throw new ServerException("need at least 2 audio buses");
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new ServerException("workers " + workers + " is out of range (0.." + MAX_WORKERS + ")");
        }
    }
}
