package dev.sonora.server.rt;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sample data at the server's rate: one float array per channel. Built on the Disk thread,
 * never changed afterwards, so any thread may read it; the audio thread reads it through
 * the units that play it. {@link #release} is called by NRT once nothing plays it any more.
 */
public final class Buffer {
    private final String name;
    private final float[][] channels;
    private final int sampleRate;
    private final AtomicBoolean released = new AtomicBoolean();

    public Buffer(String name, float[][] channels, int sampleRate) {
        if (channels.length == 0) throw new IllegalArgumentException(name + ": no channels");
        this.name = name;
        this.channels = channels;
        this.sampleRate = sampleRate;
    }

    public String name() {
        return name;
    }

    public int channels() {
        return channels.length;
    }

    public int frames() {
        return channels[0].length;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Channel {@code c}'s samples; channel numbers past the last repeat the last (mono plays on both sides). */
    public float[] channel(int c) {
        return channels[Math.min(c, channels.length - 1)];
    }

    public double seconds() {
        return frames() / (double) sampleRate;
    }

    /** NRT: nothing plays this buffer any more and it is out of its slot. */
    public void release() {
        released.set(true);
    }

    public boolean isReleased() {
        return released.get();
    }
}
