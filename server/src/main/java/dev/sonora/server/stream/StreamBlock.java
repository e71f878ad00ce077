package dev.sonora.server.stream;

/**
 * One pre-allocated block of a stream's ring: interleaved stereo frames filled by the Disk
 * thread, played by the audio thread, then handed back. {@code last} marks the end of the file.
 * Owned by one thread at a time (whoever took it off a queue).
 */
public final class StreamBlock {
    final float[] data;
    int frames;
    int pos;
    boolean last;

    StreamBlock(int capacityFrames) {
        data = new float[2 * capacityFrames];
    }
}
