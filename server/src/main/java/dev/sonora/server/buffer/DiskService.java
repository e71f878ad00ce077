package dev.sonora.server.buffer;

/**
 * Continuous work the Disk thread does between tasks: writing a recording's full blocks,
 * prefetching a stream's ring. {@link #serviceOnDisk} runs on the Disk thread only; the two
 * questions are asked by the offline render's controller (any thread) to keep renders exact.
 */
public interface DiskService {
    /** Does whatever is waiting (drain, prefetch). Disk thread only. */
    void serviceOnDisk();

    /** Nothing is waiting for the Disk thread right now. Any thread. */
    boolean caughtUp();

    /** Behind far enough that an offline render should wait for the Disk thread before the next block. Any thread. */
    boolean urgent();
}
