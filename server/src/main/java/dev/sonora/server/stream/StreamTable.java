package dev.sonora.server.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.rt.RtNode;

/**
 * One server's open streams by id (what a {@code diskin} unit names). A stream closes when the
 * synth playing it ends: that synth is found by object, never by id, since an id is reused as
 * soon as its node ends. Any non-audio thread.
 */
public final class StreamTable {
    private final Map<Integer, DiskStream> open = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);

    int nextId() {
        return ids.getAndIncrement();
    }

    void add(DiskStream s) {
        open.put(s.id, s);
    }

    void forget(DiskStream s) {
        open.remove(s.id, s);
    }

    /** The open stream {@code id}, or null. */
    public DiskStream get(int id) {
        return open.get(id);
    }

    /** Closes stream {@code id} (e.g. its synth never started); nothing when none is open. */
    public void close(int id, DiskThread disk) {
        DiskStream s = open.get(id);
        if (s != null) s.close(disk);
    }

    /** Closes the stream, if any, that this ended synth was playing. NRT side. */
    public void nodeEnded(RtNode node, DiskThread disk) {
        for (DiskStream s : open.values()) {
            if (s.synth() == node) s.close(disk);
        }
    }

    public int openCount() {
        return open.size();
    }
}
