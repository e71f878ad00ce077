package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' one reader of the WAV files Sonora writes (renders and recordings: stereo, 32-bit
 * float, a 44-byte header), read byte for byte as written, NaN and all, so that a check sees
 * exactly what is in the file. The samples are those the header counts; the header's sizes are
 * kept beside them for the tests of the header itself.
 *
 * <p>Not {@code buffer.AudioFileReader}: that one is for users' files, so it refuses a float file
 * with NaN in it, forgives a header that disagrees with the file, and refuses a file with no
 * audio, all of which these checks must see. {@link #mono} writes the odd and broken files the
 * reader's own tests feed it.
 */
public final class Wav {
    /** Bytes before the samples. */
    public static final int HEADER = 44;

    /**
     * A canonical mono WAV of {@code frames} frames: the 44-byte header (format 1, integer PCM, or
     * 3, float; {@code bits} a sample), positioned at the first sample, which is 0 until written.
     */
    public static java.nio.ByteBuffer mono(int format, int rate, int bits, int frames) {
        int bytes = bits / 8;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(HEADER + bytes * frames).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + bytes * frames)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) format).putShort((short) 1)
                .putInt(rate).putInt(bytes * rate).putShort((short) bytes).putShort((short) bits)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(bytes * frames);
        return b;
    }

    /** {@link #mono}: a float file of 4800 frames at 0.25 whose every hundredth sample is 1e30 and the next NaN (96 damaged). */
    public static byte[] damagedFloat() {
        java.nio.ByteBuffer b = mono(3, 48000, 32, 4800);
        for (int i = 0; i < 4800; i++) b.putFloat(i % 100 == 0 ? 1e30f : i % 100 == 1 ? Float.NaN : 0.25f);
        return b.array();
    }

    private final int sampleRate;
    private final float[] samples;
    private final long riffBytes;
    private final long dataBytes;
    private final long fileBytes;

    private Wav(int sampleRate, float[] samples, long riffBytes, long dataBytes, long fileBytes) {
        this.sampleRate = sampleRate;
        this.samples = samples;
        this.riffBytes = riffBytes;
        this.dataBytes = dataBytes;
        this.fileBytes = fileBytes;
    }

    /** Reads a stereo 32-bit float WAV; an IOException says what else it is. */
    public static Wav read(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() < HEADER || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157 || b.getInt(36) != 0x61746164) {
            throw new IOException("not a WAV with a 44-byte header (RIFF, WAVE, data): " + p);
        }
        if (b.getShort(20) != 3 || b.getShort(22) != 2 || b.getShort(34) != 32) throw new IOException("not stereo float: " + p);
        long data = Integer.toUnsignedLong(b.getInt(40));
        if (data > b.capacity() - HEADER) {
            throw new IOException("the header counts " + data + " bytes of audio, the file holds " + (b.capacity() - HEADER) + ": " + p);
        }
        float[] s = new float[(int) (data / 4)];
        b.position(HEADER);
        b.asFloatBuffer().get(s);
        return new Wav(b.getInt(24), s, Integer.toUnsignedLong(b.getInt(4)), data, b.capacity());
    }

    /**
     * The bytes of audio the header of a file still being written counts, reading only the
     * header: 0 while the file is shorter than one.
     */
    public static long dataBytesInHeader(Path p) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            if (f.length() < HEADER) return 0;
            f.seek(40);
            return Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
        }
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Interleaved left, right. */
    public float[] samples() {
        return samples;
    }

    public int frames() {
        return samples.length / 2;
    }

    /** The left channel. */
    public float[] left() {
        float[] l = new float[frames()];
        for (int i = 0; i < l.length; i++) l[i] = samples[2 * i];
        return l;
    }

    /** The header's data size: bytes of audio it counts. */
    public long dataBytes() {
        return dataBytes;
    }

    /** The header's RIFF size: the bytes after its first 8, as it says. */
    public long riffBytes() {
        return riffBytes;
    }

    /** The whole file's size as read. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Fails unless both sizes in the header agree with the file: every byte written is counted, nothing more. */
    public void assertHeaderMatchesTheFile() {
        assertEquals(fileBytes - HEADER, dataBytes, "data size in the header");
        assertEquals(fileBytes - 8, riffBytes, "RIFF size in the header");
    }

    public boolean finite() {
        for (float x : samples) if (!Float.isFinite(x)) return false;
        return true;
    }

    public double peak() {
        double p = 0;
        for (float x : samples) p = Math.max(p, Math.abs(x));
        return p;
    }

    /** RMS of one second starting at {@code second}. */
    public double rms(int second) {
        double sum = 0;
        int from = second * sampleRate * 2;
        int to = Math.min(samples.length, from + sampleRate * 2);
        for (int i = from; i < to; i++) sum += samples[i] * samples[i];
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
