package dev.sonora.server.buffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads WAV/AIFF files through javax.sound.sampled and decodes every PCM layout the JDK
 * parses (8-bit unsigned or signed, 16/24/32-bit integer either byte order, 32/64-bit float)
 * into float channels at the file's own rate. Every failure is one {@link AudioFileException}
 * line naming the file. Runs on the Disk thread (or any non-audio thread).
 */
public final class AudioFileReader {
    /** What Sonora can read, for error messages. */
    public static final String SUPPORTED = "WAV or AIFF, 8/16/24/32-bit integer or 32/64-bit float PCM";

    /** A declared length this long (about 0xFFFFFFFF bytes in frames of up to 8 bytes) means "unknown", not "cut short". */
    static final long UNKNOWN_LENGTH_FRAMES = 0xFFFFFFFFL / 8 - 1;
    /** The sample rates a file may declare, in Hz. */
    static final float MIN_RATE = 1_000f, MAX_RATE = 1_000_000f;

    private AudioFileReader() {
    }

    /** Decoded audio at the file's rate. */
    public record Decoded(float[][] channels, float sampleRate) {
        public int frames() {
            return channels[0].length;
        }
    }

    /** Checks that the file exists and that its header is one we can decode; cheap (no samples read). */
    public static AudioFormat probe(Path path) throws AudioFileException {
        String name = path.toString();
        if (!Files.exists(path)) throw new AudioFileException(name + ": no such file");
        if (Files.isDirectory(path)) throw new AudioFileException(name + ": is a folder, not a sound file");
        if (!Files.isReadable(path)) throw new AudioFileException(name + ": not readable (permissions)");
        try {
            if (Files.size(path) == 0) throw new AudioFileException(name + ": empty file");
            AudioFileFormat f = AudioSystem.getAudioFileFormat(path.toFile());
            checkEncoding(name, f.getFormat());
            return f.getFormat();
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(name + ": unsupported format (Sonora reads " + SUPPORTED + ")");
        } catch (IOException e) {
            throw new AudioFileException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public static Decoded read(Path path) throws AudioFileException {
        String name = path.toString();
        AudioFormat format = probe(path);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            byte[] bytes = in.readAllBytes();
            int frameSize = format.getFrameSize();
            int channels = format.getChannels();
            if (frameSize <= 0 || channels <= 0) throw new AudioFileException(name + ": bad header (frame size " + frameSize + ")");
            int frames = bytes.length / frameSize;
            long declared = in.getFrameLength();
            if (frames == 0) throw new AudioFileException(name + ": no audio in the file (0 frames)");
            String cut = truncated(name, frames, declared); // keep what is there only if most of it is
            if (cut != null) throw new AudioFileException(cut);
            float[][] out = new float[channels][frames];
            String damage = damaged(name, decodeInto(bytes, frames, format, out, 0));
            if (damage != null) throw new AudioFileException(damage);
            return new Decoded(out, format.getSampleRate());
        } catch (NoSuchFileException e) {
            throw new AudioFileException(name + ": no such file");
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFileException(name + ": unsupported format (Sonora reads " + SUPPORTED + ")");
        } catch (IOException e) {
            throw new AudioFileException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The one line for a file cut short, or null when enough of it is there (most of the declared frames). */
    static String truncated(String name, int frames, long declared) {
        // a program writing a WAV to a pipe cannot go back to fill in the size and leaves the
        // largest (0xFFFFFFFF bytes): that file is as long as what it holds, not cut short
        if (declared >= UNKNOWN_LENGTH_FRAMES) return null;
        if (declared != AudioSystem.NOT_SPECIFIED && declared > frames && frames < declared / 2) {
            return name + ": truncated (" + frames + " of " + declared + " frames present)";
        }
        return null;
    }

    private static void checkEncoding(String name, AudioFormat f) throws AudioFileException {
        AudioFormat.Encoding e = f.getEncoding();
        int bits = f.getSampleSizeInBits();
        boolean ok = (e.equals(AudioFormat.Encoding.PCM_SIGNED) && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (e.equals(AudioFormat.Encoding.PCM_UNSIGNED) && (bits == 8 || bits == 16))
                || (e.equals(AudioFormat.Encoding.PCM_FLOAT) && (bits == 32 || bits == 64));
        if (!ok) throw new AudioFileException(name + ": unsupported encoding " + e + " " + bits + "-bit (Sonora reads " + SUPPORTED + ")");
        // below 1 kHz is a broken header, not audio: a 1 Hz file would be stretched 48000-fold to the
        // server's rate (a 10 KB file: minutes of work and gigabytes), so it is refused at once
        if (!(f.getSampleRate() >= MIN_RATE) || f.getSampleRate() > MAX_RATE) {
            throw new AudioFileException(name + ": bad sample rate " + f.getSampleRate() + " Hz (Sonora reads " + (int) MIN_RATE
                    + " Hz to " + (int) MAX_RATE + " Hz)");
        }
        if (f.getChannels() < 1 || f.getChannels() > 64) throw new AudioFileException(name + ": bad channel count " + f.getChannels());
    }

    /**
     * A float sample beyond this (60 dB over full scale), or not a number, is damage, not audio:
     * looped through an effect, one such file held the output at full scale for the rest of a set.
     */
    public static final float MAX_FLOAT_SAMPLE = 1000f;

    /** Whether a float file's sample is damage (not a number, or beyond {@link #MAX_FLOAT_SAMPLE}): buffers and streams alike. */
    public static boolean isDamagedSample(float x) {
        return !(Math.abs(x) <= MAX_FLOAT_SAMPLE); // NaN too
    }

    /** The one line for a float file with damaged samples ({@link #decodeInto}'s count), or null when it has none. */
    static String damaged(String name, long bad) {
        if (bad == 0) return null;
        return name + ": " + bad + " samples are not numbers or beyond ±" + (int) MAX_FLOAT_SAMPLE
                + " (a damaged float file); not loaded";
    }

    /**
     * Converts {@code frames} whole frames of {@code b} into {@code out}, from frame {@code at0} on.
     * Shared by the one-shot and the sliced reader. Returns how many float samples were damaged
     * (each written as 0).
     */
    static int decodeInto(byte[] b, int frames, AudioFormat f, float[][] out, int at0) {
        int bad = 0;
        int channels = f.getChannels();
        int bytesPer = f.getSampleSizeInBits() / 8;
        boolean big = f.isBigEndian();
        AudioFormat.Encoding e = f.getEncoding();
        boolean floating = e.equals(AudioFormat.Encoding.PCM_FLOAT);
        boolean unsigned = e.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        int frameSize = f.getFrameSize();
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                int at = i * frameSize + c * bytesPer;
                long v = 0;
                for (int k = 0; k < bytesPer; k++) {
                    int byteAt = big ? at + k : at + bytesPer - 1 - k;
                    v = (v << 8) | (b[byteAt] & 0xff);
                }
                float x;
                if (floating) {
                    x = bytesPer == 4 ? Float.intBitsToFloat((int) v) : (float) Double.longBitsToDouble(v);
                    if (isDamagedSample(x)) {
                        x = 0f;
                        bad++;
                    }
                } else {
                    int bits = bytesPer * 8;
                    long full = 1L << bits;
                    if (unsigned) v -= full >> 1; else if (v >= full >> 1) v -= full;
                    x = (float) (v / (double) (full >> 1));
                }
                out[c][at0 + i] = x;
            }
        }
        return bad;
    }
}
