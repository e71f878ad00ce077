package dev.sonora.server.buffer;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.sonora.server.rt.Buffer;

/**
 * Loading a sound file into a {@link Buffer} at the server's rate, in slices: open, then read
 * and convert {@link #READ_SLICE_FRAMES} frames per slice, then resample
 * {@link #RESAMPLE_SLICE_FRAMES} output frames of one channel per slice, then hand the buffer
 * over. The result is sample for sample what a one-shot {@link AudioFileReader#read} and
 * {@link Resampler#convert} give (each output frame of the resampler depends only on the whole
 * input and its own index). Errors are one line naming the file. Disk thread only.
 */
public final class DecodeJob implements SlicedJob {
    /** Frames read and converted per slice: about 0.5–1.5 ms for a stereo 16-bit file (docs/design-notes.md). */
    public static final int READ_SLICE_FRAMES = 32768;
    /** Output frames of one channel resampled per slice: about 1.5 ms upsampling 44.1 to 48 kHz (docs/design-notes.md). */
    public static final int RESAMPLE_SLICE_FRAMES = 4096;
    private final Path path;
    private final String name;
    private final int outRate;
    private final int readFrames;
    private final int resampleFrames;
    private final Consumer<Buffer> ready;
    private final Consumer<String> failed;
    private SlicedFileReader reader;
    private float[][] in;
    private float inRate;
    private float[][] out;
    private int channel; // resampling: this channel, from this output frame on
    private int frame;
    private Buffer result;
    private String failure;

    /** A load at the default slice sizes; {@code ready} gets the buffer, {@code failed} one line, on the Disk thread. */
    public DecodeJob(Path path, String name, int outRate, Consumer<Buffer> ready, Consumer<String> failed) {
        this(path, name, outRate, READ_SLICE_FRAMES, RESAMPLE_SLICE_FRAMES, ready, failed);
    }

    DecodeJob(Path path, String name, int outRate, int readFrames, int resampleFrames, Consumer<Buffer> ready,
              Consumer<String> failed) {
        this.path = path;
        this.name = name;
        this.outRate = outRate;
        this.readFrames = readFrames;
        this.resampleFrames = resampleFrames;
        this.ready = ready;
        this.failed = failed;
    }

    @Override
    public boolean stepOnDisk() {
        try {
            if (in == null) {
                if (reader == null) {
                    reader = new SlicedFileReader(path);
                    return false;
                }
                if (!reader.readOnDisk(readFrames)) return false;
                AudioFileReader.Decoded d;
                try {
                    d = reader.decoded();
                } finally {
                    reader.close();
                }
                in = d.channels();
                inRate = d.sampleRate();
                if ((double) inRate == (double) outRate) { // as Resampler.convert decides
                    out = in; // nothing to convert: the decoded arrays are the buffer's
                } else {
                    out = new float[in.length][Resampler.outFrames(in[0].length, inRate, outRate)];
                }
                return false;
            }
            if (out != in && channel < out.length) {
                int to = Math.min(out[channel].length, frame + resampleFrames);
                Resampler.convert(in[channel], inRate, outRate, out[channel], frame, to);
                frame = to;
                if (frame >= out[channel].length) {
                    channel++;
                    frame = 0;
                }
                return false;
            }
            result = new Buffer(name, out, outRate);
            in = null;
            ready.accept(result);
            return true;
        } catch (AudioFileException e) {
            return fail(e.getMessage());
        } catch (RuntimeException e) {
            return fail(path + ": cannot load (" + e.getMessage() + ")");
        }
    }

    private boolean fail(String message) {
        if (reader != null) reader.close();
        in = null;
        out = null;
        result = null;
        failure = message;
        failed.accept(message);
        return true;
    }

    /** The buffer made, once finished (tests). */
    Buffer result() {
        return result;
    }

    /** The one line it failed with, or null (tests). */
    String failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "DecodeJob(" + path + ")";
    }
}
