package dev.sonora.server.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stereo WAV file written block by block: 32-bit float or 24-bit integer PCM. The header's
 * sizes are patched as it grows ({@link #patchHeader}) and at {@link #close}, so a recording
 * cut short by a crash still opens. Opened on the caller of {@code record()} (so a bad path
 * fails there, at once); written and closed on the Disk thread.
 */
final class WavWriter implements AutoCloseable {
    private static final int HEADER = 44;
    private final FileChannel channel;
    private final int sampleRate;
    private final int bits;
    private ByteBuffer bytes;
    private long frames;

    WavWriter(Path path, int sampleRate, int bits) throws IOException {
        if (bits != 32 && bits != 24 && bits != 16) throw new IOException("bits must be 16, 24 or 32 (float), not " + bits);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IOException("folder " + parent + " does not exist");
        if (Files.isDirectory(path)) throw new IOException("it is a folder");
        this.sampleRate = sampleRate;
        this.bits = bits;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.bytes = ByteBuffer.allocateDirect(64 * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            writeHeader(0);
            channel.position(HEADER);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
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
        int blockAlign = 2 * bits / 8;
        long dataBytes = nFrames * blockAlign;
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes));
        h.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort((short) (bits == 32 ? 3 : 1)); // IEEE float or integer PCM
        h.putShort((short) 2);
        h.putInt(sampleRate);
        h.putInt(sampleRate * blockAlign);
        h.putShort((short) blockAlign);
        h.putShort((short) bits);
        h.put("data".getBytes(StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
        h.flip();
        while (h.hasRemaining()) channel.write(h, h.position());
    }
}
