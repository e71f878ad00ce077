package dev.sonora.server.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import dev.sonora.server.record.WavFormat;
import dev.sonora.server.rt.AudioOut;

/**
 * Writes stereo 32-bit float WAV for the offline driver. The audio thread only copies each
 * block into a pre-allocated float array; the controlling thread encodes and writes it to
 * the file with {@link #flush} between render steps, so the audio thread does no I/O and no
 * byte-buffer work (both allocate the first time they meet a new path). Should a step hold
 * more than the array, the audio thread flushes the full array itself rather than lose audio. Open, flush and close on the
 * controlling thread; {@link #write} on the audio thread.
 *
 * <p>The header's sizes follow the data: {@link #flush} rewrites them once per second of audio
 * written, so a render killed outright (SIGKILL, power cut) leaves a playable file missing at
 * most its last second from the header, and {@link #close} (also reached from a Ctrl-C/SIGTERM
 * hook) makes them exact.
 */
public final class WavFileOut implements AudioOut, AutoCloseable {
    private static final int BITS = 32; // float
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buf;
    private final float[] pending; // interleaved frames the audio thread has copied, not yet written
    private int pendingSamples;
    private final int sampleRate;
    private long frames;
    private long framesOnDisk;   // what the file holds (the header may lag it by up to a second)
    private long framesInHeader;
    private final ByteBuffer header = ByteBuffer.allocate(WavFormat.HEADER);
    private IOException failure;

    public WavFileOut(Path path, int sampleRate) throws IOException {
        this(path, sampleRate, 8192);
    }

    /** {@code bufferFrames}: the most frames one render step writes (more still works, with I/O on the audio thread). */
    public WavFileOut(Path path, int sampleRate, int bufferFrames) throws IOException {
        this.path = path;
        this.sampleRate = sampleRate;
        this.channel = WavFormat.create(path, sampleRate, BITS);
        this.pending = new float[Math.max(64, bufferFrames) * 2];
        this.buf = ByteBuffer.allocateDirect(pending.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void write(float[] l, float[] r, int n) {
        final float[] p = pending;
        int k = pendingSamples;
        for (int i = 0; i < n; i++) {
            if (k == p.length) {
                pendingSamples = k;
                writePending(); // data only: the header waits for the controlling thread
                k = 0;
            }
            p[k++] = l[i];
            p[k++] = r[i];
        }
        pendingSamples = k;
        frames += n;
    }

    /**
     * Writes what the audio thread has buffered to the file, and the header's sizes once a
     * second of audio has gone out since they were last written. Controlling thread, between steps.
     */
    public void flush() {
        writePending();
        if (failure == null && framesOnDisk - framesInHeader >= sampleRate) {
            try {
                writeHeader(framesOnDisk);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void writePending() {
        int samples = pendingSamples;
        buf.clear();
        buf.asFloatBuffer().put(pending, 0, pendingSamples);
        buf.position(pendingSamples * 4);
        pendingSamples = 0;
        buf.flip();
        try {
            while (buf.hasRemaining()) channel.write(buf);
            framesOnDisk += samples / 2;
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
        buf.clear();
    }

    /** Drops what the audio thread buffered so far (warm-up blocks that must not reach the file). Controlling thread. */
    public void discard() {
        pendingSamples = 0;
        frames = 0;
    }

    /** Frames written to the file so far (flushed), as the header will say once closed. Controlling thread. */
    public long framesOnDisk() {
        return framesOnDisk;
    }

    public long frames() {
        return frames;
    }

    /** Flushes, fixes the header sizes and closes. Throws the first write failure, if any. */
    @Override
    public void close() throws IOException {
        writePending();
        writeHeader(framesOnDisk);
        channel.close();
        if (failure != null) throw new IOException("writing " + path + ": " + failure.getMessage(), failure);
    }

    private void writeHeader(long nFrames) throws IOException {
        WavFormat.writeHeader(channel, header, sampleRate, BITS, nFrames);
        framesInHeader = nFrames;
    }
}
