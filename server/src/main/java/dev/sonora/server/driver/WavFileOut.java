package dev.sonora.server.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.sonora.server.rt.AudioOut;

/**
 * Writes stereo 32-bit float WAV. Used by the offline driver, whose audio thread has no
 * deadline, so it may write to the file itself: blocks collect in a direct buffer (no
 * per-write allocation) and go to disk when it fills. Open and close on the controlling
 * thread; {@link #write} on the audio thread.
 */
public final class WavFileOut implements AudioOut, AutoCloseable {
    private static final int HEADER = 44;
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buf;
    private final int sampleRate;
    private long frames;
    private IOException failure;

    public WavFileOut(Path path, int sampleRate) throws IOException {
        this.path = path;
        this.sampleRate = sampleRate;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("folder " + parent + " does not exist");
        }
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.buf = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(0);
        channel.position(HEADER);
    }

    @Override
    public void write(float[] l, float[] r, int n) {
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 8) flush();
            buf.putFloat(l[i]);
            buf.putFloat(r[i]);
        }
        frames += n;
    }

    private void flush() {
        buf.flip();
        try {
            while (buf.hasRemaining()) channel.write(buf);
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        buf.clear();
    }

    public long frames() {
        return frames;
    }

    /** Flushes, fixes the header sizes and closes. Throws the first write failure, if any. */
    @Override
    public void close() throws IOException {
        flush();
        writeHeader(frames);
        channel.close();
        if (failure != null) throw new IOException("writing " + path + ": " + failure.getMessage(), failure);
    }

    private void writeHeader(long nFrames) throws IOException {
        long dataBytes = nFrames * 8;
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(16);
        h.putShort((short) 3);          // IEEE float
        h.putShort((short) 2);          // stereo
        h.putInt(sampleRate);
        h.putInt(sampleRate * 8);       // byte rate
        h.putShort((short) 8);          // block align
        h.putShort((short) 32);         // bits
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
        h.flip();
        channel.write(h, 0);
    }
}
