package dev.sonora.server.osc.peer;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.osc.OscMessage;
import dev.sonora.server.osc.rt.MappedBus;
import dev.sonora.server.osc.rt.WriteMappedBus;

/**
 * Direct mappings from OSC addresses to control buses ({@code osc.on('/fader/1').to(bus, lo, hi)}):
 * a message whose address matches takes its first argument {@code x} (a number; 0..1 from a
 * fader) and sets the bus to {@code lo + (hi - lo) * x}, from the receive thread straight to the
 * audio thread. The table is an array replaced whole on each change (copy on write), so the receive
 * threads read it without a lock.
 *
 * <p>{@link #add}, {@link #remove} from Lang; {@link #apply} from receive threads.
 */
public final class BusMappings {
    /** Mappings at most, as for MIDI's direct mappings. */
    public static final int CAPACITY = 256;

    private record Mapping(int id, AddressPattern pattern, float lo, float hi, MappedBus slot) {
    }

    private final Server server;
    private volatile Mapping[] table = new Mapping[0];
    private int nextId = 1;
    private final LongAdder applied = new LongAdder(); // several listeners' threads add
    private final LongAdder ignored = new LongAdder();

    public BusMappings(Server server) {
        this.server = server;
    }

    /** Adds a mapping (checked: bus, finite ends); returns its id for {@link #remove}. */
    public synchronized int add(AddressPattern pattern, int bus, double lo, double hi) {
        String what = "osc.on('" + pattern + "').to(" + bus + ", " + lo + ", " + hi + ")";
        int buses = server.options().controlBuses();
        if (bus < 0 || bus >= buses) throw new IllegalArgumentException(what + ": control bus " + bus + " does not exist (0.." + (buses - 1) + ")");
        // computed in floats on each message: lo, hi and the span between them must all fit, or every value is lost
        float l = (float) lo, h = (float) hi;
        if (!Float.isFinite(l) || !Float.isFinite(h) || !Float.isFinite(h - l)) {
            throw new IllegalArgumentException(what + ": lo and hi must be finite numbers, and less than 3.4e38 apart");
        }
        if (table.length >= CAPACITY) throw new IllegalArgumentException(what + ": all " + CAPACITY + " OSC mappings are in use; remove some first");
        Mapping[] next = Arrays.copyOf(table, table.length + 1);
        next[table.length] = new Mapping(nextId++, pattern, (float) lo, (float) hi, new MappedBus(bus));
        table = next;
        return next[next.length - 1].id;
    }

    public synchronized boolean remove(int id) {
        Mapping[] t = table;
        for (int i = 0; i < t.length; i++) {
            if (t[i].id != id) continue;
            Mapping[] next = new Mapping[t.length - 1];
            System.arraycopy(t, 0, next, 0, i);
            System.arraycopy(t, i + 1, next, i, t.length - i - 1);
            table = next;
            return true;
        }
        return false;
    }

    public int size() {
        return table.length;
    }

    /** Applies every mapping whose pattern matches; returns how many did. Receive thread. */
    public int apply(OscMessage m) {
        Mapping[] t = table; // local copy: Lang may swap the table meanwhile
        int hits = 0;
        for (Mapping map : t) {
            if (!map.pattern.matches(m.address())) continue;
            if (m.args().isEmpty() || !(m.args().get(0) instanceof Number x)) {
                ignored.increment(); // a mapping takes a number; anything else is left to the handlers
                continue;
            }
            hits++;
            float v = map.lo + (map.hi - map.lo) * x.floatValue();
            if (!Float.isFinite(v)) continue;
            if (map.slot.offer(v)) {
                try {
                    server.sendToRt(new WriteMappedBus(map.slot));
                } catch (ServerException e) {
                    map.slot.notQueued(); // the queue is full: the next message tries again
                }
            }
        }
        if (hits > 0) applied.add(hits);
        return hits;
    }

    /** Messages that set a bus so far. Any thread (a recent figure). */
    public long applied() {
        return applied.sum();
    }

    /** Messages that matched a mapping but carried no number first. */
    public long ignored() {
        return ignored.sum();
    }
}
