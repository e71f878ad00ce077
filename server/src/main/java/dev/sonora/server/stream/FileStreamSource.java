package dev.sonora.server.stream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import dev.sonora.server.buffer.AudioFileException;
import dev.sonora.server.buffer.AudioFileReader;

/**
 * Decodes a WAV/AIFF file chunk by chunk (never all of it): the layouts {@link AudioFileReader}
 * reads, into interleaved stereo floats. Disk thread only (opened by the caller of stream()).
 */
public final class FileStreamSource implements StreamSource {
    private final Path path;
    private final AudioFormat format;
    private AudioInputStream in;
    private byte[] bytes = new byte[0];
    private long damaged;

    public FileStreamSource(Path path) throws AudioFileException {
        this.path = path;
        this.format = AudioFileReader.probe(path);
        try {
            open();
        } catch (IOException e) {
            throw new AudioFileException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private void open() throws IOException {
        try {
            in = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("unsupported format");
        }
    }

    @Override
    public float sampleRate() {
        return format.getSampleRate();
    }

    @Override
    public int read(float[] stereo, int max) throws IOException {
        int frameSize = format.getFrameSize();
        int want = max * frameSize;
        if (bytes.length < want) bytes = new byte[want];
        int got = 0;
        while (got < want) {
            int n = in.read(bytes, got, want - got);
            if (n < 0) break;
            got += n;
        }
        int frames = got / frameSize;
        if (frames == 0) return -1;
        int channels = format.getChannels();
        int bytesPer = format.getSampleSizeInBits() / 8;
        boolean big = format.isBigEndian();
        boolean floating = format.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT);
        boolean unsigned = format.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED);
        for (int i = 0; i < frames; i++) {
            int at = i * frameSize;
            float l = sound(sample(bytes, at, bytesPer, big, floating, unsigned));
            float r = channels > 1 ? sound(sample(bytes, at + bytesPer, bytesPer, big, floating, unsigned)) : l;
            stereo[2 * i] = l;
            stereo[2 * i + 1] = r;
        }
        return frames;
    }

    /** A damaged float file's sample (as a buffer the file is refused) plays as silence, and is counted. */
    private float sound(float x) {
        if (!AudioFileReader.isDamagedSample(x)) return x;
        damaged++;
        return 0f;
    }

    private static float sample(byte[] b, int at, int bytesPer, boolean big, boolean floating, boolean unsigned) {
        long v = 0;
        for (int k = 0; k < bytesPer; k++) {
            v = (v << 8) | (b[big ? at + k : at + bytesPer - 1 - k] & 0xff);
        }
        if (floating) {
            return bytesPer == 4 ? Float.intBitsToFloat((int) v) : (float) Double.longBitsToDouble(v);
        }
        long full = 1L << (bytesPer * 8);
        if (unsigned) v -= full >> 1; else if (v >= full >> 1) v -= full;
        return (float) (v / (double) (full >> 1));
    }

    @Override
    public long damagedSamples() {
        return damaged;
    }

    @Override
    public void rewind() throws IOException {
        in.close();
        open();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
