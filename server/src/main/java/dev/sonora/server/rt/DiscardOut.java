package dev.sonora.server.rt;

/** Drops every block (the silent clocked driver's sink). Audio thread only. */
public final class DiscardOut implements AudioOut {
    @Override
    public void write(float[] left, float[] right, int frames) {
    }
}
