package dev.sonora.server.stream;

import java.io.IOException;

/** Where a stream's frames come from, read in order on the Disk thread. Disk thread only. */
public interface StreamSource extends AutoCloseable {
    /** The source's own sample rate. */
    float sampleRate();

    /** Reads up to {@code max} frames as interleaved stereo (mono on both sides); -1 at the end. */
    int read(float[] stereo, int max) throws IOException;

    /** Goes back to the first frame (looping). */
    void rewind() throws IOException;

    @Override
    void close() throws IOException;
}
