package dev.sonora.server.buffer;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.sonora.server.rt.Buffer;

/**
 * The sender/NRT side's view of the buffer slots: what each slot holds (as sent to the audio
 * thread), how many running synths play each buffer, and which swapped-out buffers wait for
 * their last player to end before they are released. Lang, Disk and NRT threads; guarded by
 * {@code this}.
 */
public final class BufferTable {
    private final Buffer[] slots;
    private final String[] names;
    private final Map<Buffer, Integer> players = new IdentityHashMap<>();
    private final Map<Buffer, Boolean> retired = new IdentityHashMap<>();
    private int next;

    public BufferTable(int capacity) {
        slots = new Buffer[capacity];
        names = new String[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    /** Slots reserved or holding a buffer. */
    public synchronized int used() {
        int n = 0;
        for (String name : names) if (name != null) n++;
        return n;
    }

    /** Reserves a slot for a file being loaded; -1 when every slot is taken. */
    public synchronized int reserve(String name) {
        for (int k = 0; k < slots.length; k++) {
            int i = (next + k) % slots.length;
            if (names[i] == null) {
                names[i] = name;
                next = i + 1;
                return i;
            }
        }
        return -1;
    }

    /** A slot reserved for a load that failed, with nothing installed in it, is free again. */
    public synchronized void unreserve(int slot) {
        if (slot >= 0 && slot < slots.length && slots[slot] == null) names[slot] = null;
    }

    /** The buffer a new synth would play from this slot (null while loading). */
    public synchronized Buffer current(int slot) {
        return slot >= 0 && slot < slots.length ? slots[slot] : null;
    }

    /** A synth built to play {@code b}: counted until it ends. Sender side. */
    public synchronized void acquire(Buffer b) {
        players.merge(b, 1, Integer::sum);
    }

    /** A synth that played {@code b} ended. NRT. Releases it if it was swapped out and this was the last. */
    public synchronized void release(Buffer b) {
        Integer n = players.get(b);
        if (n == null) return;
        if (n <= 1) {
            players.remove(b);
            if (retired.remove(b) != null) b.release();
        } else {
            players.put(b, n - 1);
        }
    }

    /** The sender side's record that {@code b} now fills {@code slot} (the swap is on its way to RT). */
    synchronized void installing(int slot, Buffer b) {
        slots[slot] = b;
    }

    /** NRT: the audio thread handed back {@code old} from a swap: release it once nothing plays it. */
    public synchronized void swappedOut(Buffer old) {
        if (old == null) return;
        for (Buffer b : slots) if (b == old) return; // still installed elsewhere
        if (players.containsKey(old)) {
            retired.put(old, Boolean.TRUE);
        } else {
            old.release();
        }
    }

    public synchronized int playersOf(Buffer b) {
        return players.getOrDefault(b, 0);
    }

    public synchronized String name(int slot) {
        return slot >= 0 && slot < names.length ? names[slot] : null;
    }
}
