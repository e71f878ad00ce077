package dev.sonora.server.record;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.rt.RtEngine;

/**
 * The audio thread's end of a recording: each main-output block is copied (interleaved) into a
 * pre-allocated block taken from the free pool and handed to the Disk thread on the full
 * queue; the Disk thread writes it and puts it back in the pool. The blocks cycle between the
 * two threads and are never made or dropped on the audio thread (a closed loop). When the pool
 * is empty (the disk fell behind by the whole pool) the block is counted as lost, never waited for.
 * {@link #tapOnRt} is audio thread only; the counters may be read by any thread.
 */
public final class RecordTap implements RtEngine.BlockTap {
    final SpscArrayQueue<float[]> free; // Disk -> RT
    final SpscArrayQueue<float[]> full; // RT -> Disk
    final Recorder recorder;
    private volatile long lostBlocks; // written by the audio thread only
    private volatile long tappedBlocks;

    RecordTap(Recorder recorder, int poolBlocks, int blockSize) {
        this.recorder = recorder;
        this.free = new SpscArrayQueue<>(poolBlocks);
        this.full = new SpscArrayQueue<>(poolBlocks);
        // run both paths of tapOnRt once on the caller: the JVM links call sites and fields on
        // first use (which allocates), and that must not happen in the audio thread's first block
        float[] silence = new float[blockSize];
        tapOnRt(silence, silence, blockSize); // pool empty: the lost path
        for (int i = 0; i < poolBlocks; i++) free.offer(new float[2 * blockSize]);
        tapOnRt(silence, silence, blockSize); // the copy path
        free.offer(full.relaxedPoll());
        lostBlocks = 0;
        tappedBlocks = 0;
    }

    @Override
    public void tapOnRt(float[] left, float[] right, int frames) {
        float[] b = free.relaxedPoll();
        if (b == null) {
            lostBlocks = lostBlocks + 1; // single writer: a plain read-modify-write is safe
            return;
        }
        for (int i = 0, k = 0; i < frames; i++, k += 2) {
            b[k] = left[i];
            b[k + 1] = right[i];
        }
        full.offer(b); // cannot fail: the full queue holds the whole pool
        tappedBlocks = tappedBlocks + 1;
    }

    long lostBlocks() {
        return lostBlocks;
    }

    long tappedBlocks() {
        return tappedBlocks;
    }
}
