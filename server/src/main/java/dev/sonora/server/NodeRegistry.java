package dev.sonora.server;

/**
 * Hands out node ids and remembers which handle owns each. An id goes back on the free list
 * only when its node has come back from the audio thread, so an id is never reused while the
 * audio thread still holds its node. Free ids are reused oldest-first, which keeps a stale
 * handle's id unused for as long as possible. Lang and NRT threads; guarded by {@code this}.
 */
final class NodeRegistry {
    private final NodeRef[] refs;
    private final int[] freeIds;   // FIFO ring
    private int head;
    private int count;

    NodeRegistry(int capacity, int firstId) {
        refs = new NodeRef[capacity];
        freeIds = new int[capacity];
        // ids 0 and 1 are the root and default groups; hand out firstId.. upward, then wrap
        for (int i = firstId; i < capacity; i++) freeIds[count++] = i;
        for (int i = 2; i < firstId && i < capacity; i++) freeIds[count++] = i;
    }

    synchronized int allocate() {
        if (count == 0) return -1;
        int id = freeIds[head];
        head = (head + 1) % freeIds.length;
        count--;
        return id;
    }

    synchronized void put(NodeRef ref) {
        refs[ref.id()] = ref;
    }

    synchronized void putPermanent(NodeRef ref) {
        refs[ref.id()] = ref;
    }

    synchronized NodeRef get(int id) {
        return id >= 0 && id < refs.length ? refs[id] : null;
    }

    /** Takes the handle of a node that came back and frees its id; null if it was not ours. */
    synchronized NodeRef release(int id, Object node) {
        NodeRef ref = refs[id];
        if (ref == null || ref.node() != node) return null;
        refs[id] = null;
        freeIds[(head + count) % freeIds.length] = id;
        count++;
        return ref;
    }

    /** Gives an id back that was never used for a node. */
    synchronized void unallocate(int id) {
        freeIds[(head + count) % freeIds.length] = id;
        count++;
    }

    synchronized int inUse() {
        return refs.length - 2 - count;
    }
}
