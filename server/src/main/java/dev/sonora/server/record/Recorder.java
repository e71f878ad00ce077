package dev.sonora.server.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.sonora.server.Recordings;
import dev.sonora.server.buffer.DiskService;

/**
 * One recording of the main output into a WAV file: the pool and the audio thread's tap
 * ({@link RecordTap}), and the Disk thread's side that writes the full blocks and returns them
 * to the pool. Made by {@link Recordings}; {@link #serviceOnDisk} and {@link #finishOnDisk} run
 * on the Disk thread, the rest on any thread.
 */
public final class Recorder implements DiskService {
    private final Path path;
    private final WavWriter writer;
    private final RecordTap tap;
    private final int poolBlocks;
    private final int blockSize;
    private final int sampleRate;
    private final long frameLimit;
    private final Consumer<String> info;
    private final Consumer<String> error;
    private final CompletableFuture<Recorder> finished = new CompletableFuture<>();
    private volatile boolean holding; // the Disk thread has a block in hand
    private volatile long writeDelayNanos; // tests: a slow disk
    private boolean failed;
    private long lostReported;
    private long lastLossReport;
    private long framesAtLastPatch;

    public Recorder(Path path, int sampleRate, int blockSize, int bits, int poolBlocks, long frameLimit,
             Consumer<String> info, Consumer<String> error) throws IOException {
        this.path = path;
        this.sampleRate = sampleRate;
        this.blockSize = blockSize;
        this.poolBlocks = poolBlocks;
        this.frameLimit = frameLimit;
        this.info = info;
        this.error = error;
        this.writer = new WavWriter(path, sampleRate, bits);
        this.tap = new RecordTap(this, poolBlocks, blockSize);
    }

    public RecordTap tap() {
        return tap;
    }

    public Path path() {
        return path;
    }

    /** Completes (on the Disk thread) once the file is closed, everything the tap took written. */
    public CompletableFuture<Recorder> finished() {
        return finished;
    }

    /** Frames written to the file so far. */
    public long framesWritten() {
        return writer.frames();
    }

    /** Blocks the audio thread could not copy because the pool was empty (the disk fell behind). */
    public long lostBlocks() {
        return tap.lostBlocks();
    }

    /** Whether writing failed (unwritable or full disk); the music went on. */
    public boolean failed() {
        return failed;
    }

    /** Tests: every block written takes this long (a slow disk). */
    public void slowDownForTest(long nanosPerBlock) {
        writeDelayNanos = nanosPerBlock;
    }

    @Override
    public void serviceOnDisk() {
        holding = true;
        try {
            float[] b;
            while ((b = tap.full.relaxedPoll()) != null) {
                writeOnDisk(b);
                tap.free.offer(b); // back into the pool: cannot fail, the pool is a closed loop
            }
        } finally {
            holding = false;
        }
        reportLossesOnDisk(false);
    }

    private void writeOnDisk(float[] block) {
        long delay = writeDelayNanos;
        if (delay > 0) java.util.concurrent.locks.LockSupport.parkNanos(delay);
        if (failed) return;
        long room = frameLimit >= 0 ? frameLimit - writer.frames() : blockSize;
        int n = (int) Math.min(blockSize, room);
        if (n <= 0) return;
        try {
            writer.write(block, n);
            if (writer.frames() - framesAtLastPatch >= 2L * sampleRate) {
                framesAtLastPatch = writer.frames();
                writer.patchHeader();
            }
        } catch (IOException e) {
            failed = true;
            error.accept("recording " + path + " stopped: cannot write (" + reason(e)
                    + "); the music goes on");
        }
    }

    private void reportLossesOnDisk(boolean last) {
        long lost = tap.lostBlocks();
        long now = System.nanoTime();
        if (lost > lostReported && (last || lostReported == 0 || now - lastLossReport >= 1_000_000_000L)) {
            error.accept(String.format(Locale.ROOT,
                    "recording %s: %d blocks (%.3f s) lost so far: the disk did not keep up with a pool of %d blocks",
                    path, lost, lost * blockSize / (double) sampleRate, poolBlocks));
            lostReported = lost;
            lastLossReport = now;
        }
    }

    /** Writes what is left, closes the file and says what was recorded. Disk thread, once the tap is off. */
    public void finishOnDisk() {
        serviceOnDisk();
        reportLossesOnDisk(true);
        try {
            writer.close();
        } catch (IOException e) {
            if (!failed) error.accept("recording " + path + ": cannot finish the file (" + reason(e) + ")");
            failed = true;
        }
        if (!failed) {
            info.accept(String.format(Locale.ROOT, "recorded %s: %.2f s, %s", path,
                    writer.frames() / (double) sampleRate, writer.bits() == 32 ? "32-bit float" : writer.bits() + "-bit"));
        }
        finished.complete(this);
    }

    @Override
    public boolean caughtUp() {
        return tap.full.isEmpty() && !holding;
    }

    @Override
    public boolean urgent() {
        return tap.full.size() >= poolBlocks / 4;
    }

    public static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such folder";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return "Recording(" + path + ")";
    }
}
