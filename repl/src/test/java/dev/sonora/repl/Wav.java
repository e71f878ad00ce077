package dev.sonora.repl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the renderer's WAV files (stereo 32-bit float) for checks. */
public record Wav(int sampleRate, float[] samples) {
    public static Wav read(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) throw new IOException("not a WAV: " + p);
        if (b.getShort(20) != 3 || b.getShort(22) != 2 || b.getShort(34) != 32) throw new IOException("not stereo float: " + p);
        int rate = b.getInt(24);
        int bytes = b.getInt(40);
        float[] s = new float[bytes / 4];
        b.position(44);
        for (int i = 0; i < s.length; i++) s[i] = b.getFloat();
        return new Wav(rate, s);
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

    boolean finite() {
        for (float x : samples) if (!Float.isFinite(x)) return false;
        return true;
    }

    double peak() {
        double p = 0;
        for (float x : samples) p = Math.max(p, Math.abs(x));
        return p;
    }

    /** RMS of one second starting at {@code second}. */
    double rms(int second) {
        double sum = 0;
        int from = second * sampleRate * 2;
        int to = Math.min(samples.length, from + sampleRate * 2);
        for (int i = from; i < to; i++) sum += samples[i] * samples[i];
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
