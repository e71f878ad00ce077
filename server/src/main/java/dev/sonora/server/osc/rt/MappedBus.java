package dev.sonora.server.osc.rt;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One direct OSC mapping's way to its control bus ({@code osc.on('/fader/1').to(bus, lo, hi)}):
 * the receive thread stores the newest scaled value and sends a {@link WriteMappedBus} only when
 * none is on its way, so a fader flood costs one command a block at most, never a full command
 * queue. The audio thread clears the flag before it reads the value, so a value stored after its
 * read always finds the flag clear and sends a new command: none is lost.
 *
 * <p>{@link #offer} on the receive thread; {@link #writeOnRt} on the audio thread.
 */
public final class MappedBus {
    public final int bus;
    private volatile float value;
    private final AtomicBoolean queued = new AtomicBoolean();

    public MappedBus(int bus) {
        this.bus = bus;
    }

    /** Stores {@code v}; true when the caller must send a {@link WriteMappedBus} (none is on its way). */
    public boolean offer(float v) {
        value = v;
        return queued.compareAndSet(false, true);
    }

    /** A send that failed (full queue): the next value tries again. */
    public void notQueued() {
        queued.set(false);
    }

    /** Audio thread: clear, then read (see the class comment), then write. No allocation. */
    void writeOnRt(float[] buses) {
        queued.set(false);
        float v = value;
        if (bus >= 0 && bus < buses.length) buses[bus] = v;
    }

    /** The newest value stored. Any thread. */
    public float value() {
        return value;
    }
}
