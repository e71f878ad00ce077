package dev.sonora.server.stream;

import java.io.IOException;

/** Where a stream's frames come from, read in order on the Disk thread. Disk thread only. */
public interface StreamSource extends AutoCloseable {
    /** The source's own sample rate. */
    float sampleRate();

    /** Reads up to {@code max} frames as interleaved stereo (mono on both sides); -1 at the end. */
    int read(float[] stereo, int max) throws IOException;

    /** Samples read so far that were damaged (a float file's NaN or absurd values), each played as 0. */
    default long damagedSamples() {
        return 0;
    }

    /** Goes back to the first frame (looping). */
    void rewind() throws IOException;

    @Override
    void close() throws IOException;
}
