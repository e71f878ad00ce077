package dev.sonora.server.midi;

import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.World;

/**
 * Direct MIDI control mappings, {@code cc(n).to(bus, lo, hi)}, applied on the audio thread: at
 * the top of each block it takes every waiting message from its sources (one
 * {@link MidiConsumer} per input) and writes each mapped controller's value, scaled to
 * {@code lo..hi}, to its control bus. No JS and no allocation on this path.
 *
 * <p>Audio thread only, except construction and {@link #applied()}. The table and the sources
 * change only through commands ({@link SetCcMapping}, {@link RemoveCcMapping},
 * {@link SetMidiSources}) built on the sender and performed here.
 */
public final class CcMapper implements RtEngine.BlockHook {
    /** Mappings at most: fixed so the table never grows on the audio thread. */
    public static final int CAPACITY = 256;
    /** Messages taken per block at most, so a flood cannot blow a block's time budget. */
    public static final int MAX_PER_BLOCK = 1024;
    /** Channel value meaning "any channel". */
    public static final int ANY_CHANNEL = -1;

    private static final float SCALE = 1f / 127f;

    private final int[] cc = new int[CAPACITY];
    private final int[] channel = new int[CAPACITY];
    private final int[] bus = new int[CAPACITY];
    private final float[] lo = new float[CAPACITY];
    private final float[] hi = new float[CAPACITY];
    private int count;
    MidiConsumer[] sources = new MidiConsumer[0];
    private final MidiMessage scratch = new MidiMessage();

    private long appliedCount; // audio thread's own count
    private volatile long appliedPublished;
    private long lastArrival;
    private volatile long lastArrivalPublished;

    @Override
    public void atBlockStart(World world) {
        final MidiConsumer[] src = sources; // local copy: a command may swap the array next block
        final MidiMessage m = scratch;
        final float[] buses = world.controlBuses;
        int budget = MAX_PER_BLOCK;
        long applied = appliedCount;
        for (int s = 0; s < src.length; s++) {
            final MidiConsumer c = src[s];
            while (budget > 0 && c.tryPop(m)) {
                budget--;
                if (m.status < 0xF0 && (m.status & 0xF0) == MidiMessage.CONTROL_CHANGE) {
                    if (apply(m.status & 0x0F, m.data1, m.data2, buses)) {
                        applied++;
                        lastArrival = m.time;
                    }
                }
            }
        }
        if (applied != appliedCount) {
            appliedCount = applied;
            // published only in blocks that applied something: no fence on quiet blocks. Plain
            // volatile fields, not VarHandles: a VarHandle call site links (allocates) on first use
            appliedPublished = applied;
            lastArrivalPublished = lastArrival;
        }
    }

    /** Writes every mapping of this controller; true if any. Audio thread only. */
    private boolean apply(int ch, int controller, int value, float[] buses) {
        boolean any = false;
        final float v = value * SCALE;
        for (int i = 0, n = count; i < n; i++) {
            if (cc[i] == controller && (channel[i] == ANY_CHANNEL || channel[i] == ch)) {
                buses[bus[i]] = lo[i] + (hi[i] - lo[i]) * v;
                any = true;
            }
        }
        return any;
    }

    /** Adds a mapping or replaces the one for the same (cc, channel, bus). False when full. Audio thread only. */
    boolean putOnRt(int controller, int ch, int toBus, float low, float high) {
        for (int i = 0; i < count; i++) {
            if (cc[i] == controller && channel[i] == ch && bus[i] == toBus) {
                lo[i] = low;
                hi[i] = high;
                return true;
            }
        }
        if (count == CAPACITY) return false;
        cc[count] = controller;
        channel[count] = ch;
        bus[count] = toBus;
        lo[count] = low;
        hi[count] = high;
        count++;
        return true;
    }

    /**
     * Removes mappings of a controller: on one channel or all ({@link #ANY_CHANNEL} matches every
     * channel), to one bus or all ({@code toBus < 0}). Returns how many. Audio thread only.
     */
    int removeOnRt(int controller, int ch, int toBus) {
        int removed = 0;
        for (int i = 0; i < count; ) {
            if (cc[i] == controller && (ch == ANY_CHANNEL || channel[i] == ch) && (toBus < 0 || bus[i] == toBus)) {
                int last = --count; // order does not matter: move the last one here
                cc[i] = cc[last];
                channel[i] = channel[last];
                bus[i] = bus[last];
                lo[i] = lo[last];
                hi[i] = hi[last];
                removed++;
            } else {
                i++;
            }
        }
        return removed;
    }

    /** Mappings in the table. Audio thread only (tests read it after rendering). */
    int count() {
        return count;
    }

    /** Controller messages that hit a mapping so far (recent; from any thread). */
    public long applied() {
        return appliedPublished;
    }

    /** Arrival time ({@link MidiMessage#time}) of the last applied message (recent; any thread). */
    public long lastAppliedArrival() {
        return lastArrivalPublished;
    }
}
