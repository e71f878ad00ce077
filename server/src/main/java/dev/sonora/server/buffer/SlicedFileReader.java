package dev.sonora.server.buffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * {@link AudioFileReader#read} a slice at a time: {@link #readOnDisk} decodes at most a given
 * number of frames per call, so the Disk thread can do urgent work between slices. Same checks,
 * same one-line errors and the same samples as the one-shot read (both convert through
 * {@link AudioFileReader#decodeInto}). Disk thread only; not thread-safe.
 */
final class SlicedFileReader implements AutoCloseable {
    private final String name;
    private final AudioFormat format;
    private final AudioInputStream in;
    private final int frameSize;
    private final long declared;
    private float[][] channels;
    private byte[] bytes = new byte[0];
    private int leftover; // bytes of a partial frame carried to the next slice
    private int frames;
    private long damaged; // float samples not numbers or out of all range so far
    private boolean ended;

    /** Checks the file (as {@link AudioFileReader#probe}) and opens it; reads no samples. */
    SlicedFileReader(Path path) throws AudioFileException {
        this.name = path.toString();
        this.format = AudioFileReader.probe(path);
        AudioInputStream opened = null;
        try {
            opened = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
            this.frameSize = format.getFrameSize();
            if (frameSize <= 0 || format.getChannels() <= 0) {
                throw new AudioFileException(name + ": bad header (frame size " + frameSize + ")");
            }
            this.declared = opened.getFrameLength();
            // the file's size bounds its frames; the header's count, when given, usually is exact
            long bound = Files.size(path) / frameSize + 1;
            if (declared != AudioSystem.NOT_SPECIFIED && declared >= 0) bound = Math.min(bound, declared);
            this.channels = new float[format.getChannels()][(int) Math.max(1, Math.min(bound, Integer.MAX_VALUE - 16))];
            this.in = opened;
        } catch (AudioFileException e) {
            closeQuietly(opened);
            throw e;
        } catch (NoSuchFileException e) {
            closeQuietly(opened);
            throw new AudioFileException(name + ": no such file");
        } catch (UnsupportedAudioFileException e) {
            closeQuietly(opened);
            throw new AudioFileException(name + ": unsupported format (Sonora reads " + AudioFileReader.SUPPORTED + ")");
        } catch (IOException e) {
            closeQuietly(opened);
            throw new AudioFileException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    float sampleRate() {
        return format.getSampleRate();
    }

    /** Decodes up to {@code maxFrames} more frames; true once the whole file is in. */
    boolean readOnDisk(int maxFrames) throws AudioFileException {
        if (ended) return true;
        int want = Math.max(1, maxFrames) * frameSize;
        if (bytes.length < want) bytes = Arrays.copyOf(bytes, want);
        int got = leftover;
        try {
            while (got < want) {
                int n = in.read(bytes, got, want - got);
                if (n < 0) {
                    ended = true;
                    break;
                }
                if (n == 0) break; // nothing more right now: the next slice asks again
                got += n;
            }
        } catch (IOException e) {
            throw new AudioFileException(name + ": cannot read (" + e.getMessage() + ")");
        }
        int whole = got / frameSize;
        leftover = got - whole * frameSize;
        if (whole > 0) {
            if (frames + whole > channels[0].length) grow(frames + whole);
            damaged += AudioFileReader.decodeInto(bytes, whole, format, channels, frames);
            frames += whole;
            System.arraycopy(bytes, whole * frameSize, bytes, 0, leftover); // a partial frame waits for its rest
        }
        return ended;
    }

    /** The whole file at its own rate, once {@link #readOnDisk} said so; the checks of the one-shot read. */
    AudioFileReader.Decoded decoded() throws AudioFileException {
        if (frames == 0) throw new AudioFileException(name + ": no audio in the file (0 frames)");
        String cut = AudioFileReader.truncated(name, frames, declared);
        if (cut != null) throw new AudioFileException(cut);
        String damage = AudioFileReader.damaged(name, damaged);
        if (damage != null) throw new AudioFileException(damage);
        if (channels[0].length != frames) {
            for (int c = 0; c < channels.length; c++) channels[c] = Arrays.copyOf(channels[c], frames);
        }
        return new AudioFileReader.Decoded(channels, format.getSampleRate());
    }

    private void grow(int atLeast) {
        int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) atLeast, 2L * channels[0].length));
        for (int c = 0; c < channels.length; c++) channels[c] = Arrays.copyOf(channels[c], size);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(AudioInputStream s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException e) {
            // a file we only read: nothing to tell the performer
        }
    }
}
