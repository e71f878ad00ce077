package dev.sonora.server.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stereo WAV file written block by block: 32-bit float or 24-bit integer PCM. The header's
 * sizes are patched as it grows ({@link #patchHeader}) and at {@link #close}, so a recording
 * cut short by a crash still opens. Opened on the caller of {@code record()} (so a bad path
 * fails there, at once); written and closed on the Disk thread.
 */
final class WavWriter implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(WavFormat.HEADER);
    private final int sampleRate;
    private final int bits;
    private ByteBuffer bytes;
    private long frames;

    WavWriter(Path path, int sampleRate, int bits) throws IOException {
        if (bits != 32 && bits != 24 && bits != 16) throw new IOException("bits must be 16, 24 or 32 (float), not " + bits);
        if (Files.isDirectory(path)) throw new IOException("it is a folder"); // (a missing folder: WavFormat.create says so)
        this.sampleRate = sampleRate;
        this.bits = bits;
        this.channel = WavFormat.create(path, sampleRate, bits);
        this.bytes = ByteBuffer.allocateDirect(64 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends {@code n} interleaved stereo frames. Disk thread. */
    void write(float[] interleaved, int n) throws IOException {
        int need = n * 2 * (bits / 8);
        if (bytes.capacity() < need) bytes = ByteBuffer.allocateDirect(need).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = bytes;
        b.clear();
        if (bits == 32) {
            for (int i = 0; i < 2 * n; i++) b.putFloat(interleaved[i]);
        } else {
            double full = bits == 24 ? 8388607.0 : 32767.0;
            for (int i = 0; i < 2 * n; i++) {
                float x = interleaved[i];
                x = x > 1f ? 1f : (x < -1f ? -1f : x);
                int v = (int) Math.round(x * full);
                b.put((byte) v);
                b.put((byte) (v >> 8));
                if (bits == 24) b.put((byte) (v >> 16));
            }
        }
        b.flip();
        while (b.hasRemaining()) channel.write(b);
        frames += n;
    }

    long frames() {
        return frames;
    }

    int bits() {
        return bits;
    }

    /** Writes the current sizes into the header (keeps the file playable while it grows). Disk thread. */
    void patchHeader() throws IOException {
        writeHeader(frames);
    }

    @Override
    public void close() throws IOException {
        try {
            writeHeader(frames);
        } finally {
            channel.close();
        }
    }

    private void writeHeader(long nFrames) throws IOException {
        WavFormat.writeHeader(channel, header, sampleRate, bits, nFrames);
    }
}
