package dev.sonora.server.rt;

import java.util.Arrays;

/**
 * Where one task of a parallel group writes: its own audio and control buses, shaped as the
 * world's, plus the synths of the task that ended and the failure it met. The units that reach
 * buses ({@code out}, {@code in}) ask their synth for its lane: null outside a parallel group
 * (they use the world's buses, as always), this lane inside one.
 *
 * <p>Each task adds into zeroed buses of its own, so tasks running at the same time never touch
 * the same memory; after the join the audio thread adds every lane into the world in task order
 * ({@link #addIntoWorldOnRt}), so the result is one fixed sum, whichever thread ran which task.
 * Reading a bus inside a lane sees the world's bus as it was when the parallel group began plus
 * what this lane itself wrote to it, never what a sibling wrote ({@link #readAudioOnRt}).
 *
 * <p>Built on the sender (the first parallel group); then written by whichever thread runs its
 * task and read by the audio thread after the join (the job's atomic hand-over orders both).
 */
public final class Lane {
    public final float[][] audioBuses;
    public final boolean[] audioBusWritten;
    public final float[] controlBuses;
    public final boolean[] controlBusWritten;
    /** Whether any control bus was written: the summing skips the flag scan when none was. */
    public boolean anyControlWritten;
    private final RtSynth[] ended;
    private int endedCount;
    /** A unit threw while this lane's task ran: rethrown by the audio thread after the join. */
    Throwable failure;

    Lane(int numAudioBuses, int blockSize, int numControlBuses, int maxNodes) {
        audioBuses = new float[numAudioBuses][blockSize];
        audioBusWritten = new boolean[numAudioBuses];
        controlBuses = new float[numControlBuses];
        controlBusWritten = new boolean[numControlBuses];
        ended = new RtSynth[maxNodes];
    }

    /**
     * {@code in(bus)} inside this lane: frames [from, to) of the world's bus plus this lane's own
     * writes to it. A bus the lane did not write is copied as it is; one it did write on a bus the
     * world left at zero reads back exactly the serial value. Thread running the task.
     */
    public void readAudioOnRt(float[] worldBus, int bus, float[] out, int from, int to) {
        if (!audioBusWritten[bus]) {
            System.arraycopy(worldBus, from, out, from, to - from);
            return;
        }
        final float[] own = audioBuses[bus];
        for (int i = from; i < to; i++) out[i] = worldBus[i] + own[i];
    }

    /** {@code in(bus, control)} inside this lane: its own value if it wrote the bus, else the world's. */
    public float readControlOnRt(float[] worldControls, int bus) {
        return controlBusWritten[bus] ? controlBuses[bus] : worldControls[bus];
    }

    /** {@code .out(controlBus)} inside this lane. Thread running the task. */
    public void writeControlOnRt(int bus, float value) {
        controlBuses[bus] = value;
        controlBusWritten[bus] = true;
        anyControlWritten = true;
    }

    /**
     * A synth of this task ended (done action): the audio thread ends it after the join, in task
     * order, because ending changes the tree the other tasks are walking. Thread running the task.
     */
    void endLaterOnRt(RtSynth s) {
        if (endedCount < ended.length) ended[endedCount++] = s; // cannot fill: one entry per node
    }

    /**
     * After the join: adds frames [from, to) of every bus this lane wrote into the world, marks
     * them written there, applies its control writes, then zeroes what it wrote so the lane is
     * clean for the next task. Audio thread only.
     */
    void addIntoWorldOnRt(World w, int from, int to) {
        final boolean[] written = audioBusWritten;
        for (int b = 0; b < written.length; b++) {
            if (!written[b]) continue;
            final float[] src = audioBuses[b];
            final float[] dst = w.audioBuses[b];
            for (int i = from; i < to; i++) dst[i] += src[i];
            w.audioBusWritten[b] = true;
        }
        if (anyControlWritten) {
            final boolean[] cw = controlBusWritten;
            for (int b = 0; b < cw.length; b++) {
                if (cw[b]) w.controlBuses[b] = controlBuses[b];
            }
        }
        clearOnRt(from, to);
    }

    /** Zeroes what the lane wrote in [from, to) (a failed task's writes are dropped this way). Audio thread only. */
    void clearOnRt(int from, int to) {
        final boolean[] written = audioBusWritten;
        for (int b = 0; b < written.length; b++) {
            if (written[b]) {
                Arrays.fill(audioBuses[b], from, to, 0f);
                written[b] = false;
            }
        }
        if (anyControlWritten) {
            Arrays.fill(controlBusWritten, false);
            anyControlWritten = false;
        }
    }

    /** Ends, in the order they ended, the synths this lane's task finished. Audio thread only. */
    void endSynthsOnRt(World w) {
        for (int i = 0; i < endedCount; i++) {
            w.endNode(ended[i]);
            ended[i] = null;
        }
        endedCount = 0;
    }
}
