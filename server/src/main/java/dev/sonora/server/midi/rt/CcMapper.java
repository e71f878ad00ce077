package dev.sonora.server.midi.rt;

import java.util.Arrays;

import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.midi.message.MidiMessage;
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

    /**
     * The most work one block does here, in steps (a message taken, a mapping written): every
     * message is taken in O(1), and each (channel, controller) is applied once per block, with its
     * last value, to only the mappings of that controller, so at most 16 channels x CAPACITY
     * mappings are written however the flood is made up.
     */
    public static final int MAX_WORK_PER_BLOCK = MAX_PER_BLOCK + 16 * CAPACITY;

    private static final int KEYS = 16 * 128; // (channel, controller)

    private final int[] cc = new int[CAPACITY];
    private final int[] channel = new int[CAPACITY];
    private final int[] bus = new int[CAPACITY];
    private final float[] lo = new float[CAPACITY];
    private final float[] hi = new float[CAPACITY];
    private int count;
    // per controller, a chain of its mappings (firstOfCc -> nextOfCc ...), rebuilt by put/remove
    private final int[] firstOfCc = new int[128];
    private final int[] nextOfCc = new int[CAPACITY];
    /** Per controller, a bit per channel some mapping takes: a message is counted applied in O(1). */
    private final int[] channelsOfCc = new int[128];
    // this block's controller messages, coalesced: the last value of each key is applied, in the
    // order of the keys' last messages (so two controllers mapped to one bus end as played)
    private final int[] takenKey = new int[MAX_PER_BLOCK];
    private final int[] takenValue = new int[MAX_PER_BLOCK];
    private final int[] lastTaken = new int[KEYS]; // index in taken*, or -1
    MidiConsumer[] sources = new MidiConsumer[0];
    private final MidiMessage scratch = new MidiMessage();

    private long appliedCount; // audio thread's own count
    private volatile long appliedPublished;
    private long lastArrival;
    private volatile long lastArrivalPublished;
    private int mostWork; // audio thread's own
    private volatile int mostWorkPublished;

    public CcMapper() {
        Arrays.fill(firstOfCc, -1);
        Arrays.fill(lastTaken, -1);
    }

    @Override
    public void atBlockStart(World world) {
        final MidiConsumer[] src = sources; // local copy: a command may swap the array next block
        final MidiMessage m = scratch;
        int taken = 0;
        long applied = appliedCount;
        for (int s = 0; s < src.length; s++) {
            final MidiConsumer c = src[s];
            while (taken < MAX_PER_BLOCK && c.tryPop(m)) {
                int key = -1;
                if (MidiMessage.isControlChange(m.status) && mapped(m.status & 0x0F, m.data1)) {
                    key = (m.status & 0x0F) << 7 | m.data1;
                    lastTaken[key] = taken;
                    applied++;
                    lastArrival = m.time;
                }
                takenKey[taken] = key;
                takenValue[taken] = m.data2;
                taken++;
            }
        }
        int work = taken;
        if (applied != appliedCount) work += applyTaken(taken, world.controlBuses);
        for (int i = 0; i < taken; i++) if (takenKey[i] >= 0) lastTaken[takenKey[i]] = -1;
        if (work > mostWork) {
            mostWork = work;
            mostWorkPublished = work;
        }
        if (applied != appliedCount) {
            appliedCount = applied;
            // published only in blocks that applied something: no fence on quiet blocks. Plain
            // volatile fields, not VarHandles: a VarHandle call site links (allocates) on first use
            appliedPublished = applied;
            lastArrivalPublished = lastArrival;
        }
    }

    /** Writes each taken key's last value to its controller's mappings; returns the mappings visited. */
    private int applyTaken(int taken, float[] buses) {
        int visited = 0;
        for (int t = 0; t < taken; t++) {
            int key = takenKey[t];
            if (key < 0 || lastTaken[key] != t) continue; // a later message of this key wins
            final int ch = key >>> 7;
            final float v = takenValue[t] * SCALE;
            for (int i = firstOfCc[key & 0x7F]; i >= 0; i = nextOfCc[i]) {
                visited++;
                if (channel[i] == ANY_CHANNEL || channel[i] == ch) buses[bus[i]] = lo[i] + (hi[i] - lo[i]) * v;
            }
        }
        return visited;
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
        reindex();
        return true;
    }

    private boolean mapped(int ch, int controller) {
        return (channelsOfCc[controller] >>> ch & 1) != 0;
    }

    /** Rebuilds the per-controller chains and channel masks: O(CAPACITY + 128), on a mapping command, never per message. */
    private void reindex() {
        Arrays.fill(firstOfCc, -1);
        Arrays.fill(channelsOfCc, 0);
        for (int i = count - 1; i >= 0; i--) { // backwards: each chain lists its mappings in table order
            nextOfCc[i] = firstOfCc[cc[i]];
            firstOfCc[cc[i]] = i;
            channelsOfCc[cc[i]] |= channel[i] == ANY_CHANNEL ? 0xFFFF : 1 << channel[i];
        }
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
        if (removed > 0) reindex();
        return removed;
    }

    /** Mappings in the table. Audio thread only (tests read it after rendering). */
    public int count() {
        return count;
    }

    /** The most work one block has done here so far, in the steps {@link #MAX_WORK_PER_BLOCK} counts. Any thread. */
    public int mostWorkInABlock() {
        return mostWorkPublished;
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
