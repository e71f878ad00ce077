package dev.sonora.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.sonora.server.record.Recorder;
import dev.sonora.server.record.SwapTap;

/**
 * Recording the main output: at most one recording at a time; starting another switches to it
 * at a block boundary (the first file is finished, nothing in between is lost). An unwritable
 * path fails at once with one line; a disk that fills up later gives one line and the music
 * goes on. Any non-audio thread; guarded by {@code this}.
 */
public final class Recordings {
    /** Default pool: 1024 blocks (about 1.4 s at 48 kHz with 64-frame blocks) between the audio and Disk threads. */
    public static final int DEFAULT_POOL_BLOCKS = 1024;
    private final Server server;
    private volatile Consumer<String> info = m -> { };
    private volatile Consumer<String> error;
    private Recorder current;
    private volatile Path renderOutput; // an offline render's own file: never a take's

    Recordings(Server server) {
        this.server = server;
        this.error = server::reportError;
    }

    /** Where "recorded take.wav: 12.3 s" and problems go (the front end's output). */
    public void onMessages(Consumer<String> info, Consumer<String> error) {
        this.info = info;
        this.error = error;
    }

    public Recorder start(Path path, int bits) {
        return start(path, bits, DEFAULT_POOL_BLOCKS, -1);
    }

    /**
     * The file an offline render writes: a take started into it (record('out.wav') in a script
     * rendered to out.wav) was accepted, and the render's output then overwrote the take.
     */
    public void renderingTo(Path wav) {
        renderOutput = wav.toAbsolutePath().normalize();
    }

    /**
     * Opens {@code path} (here: a bad path throws one line now) and starts recording at the next
     * block. {@code frameLimit} >= 0 stops writing after that many frames (an offline render's length).
     */
    public synchronized Recorder start(Path path, int bits, int poolBlocks, long frameLimit) {
        Path out = renderOutput;
        if (out != null && sameFile(out, path)) {
            throw new ServerException("record: " + path + " is the file this render writes; record to another file");
        }
        Recorder r;
        try {
            r = new Recorder(path, server.sampleRate(), server.blockSize(), bits, poolBlocks, frameLimit,
                    m -> info.accept(m), m -> error.accept(m));
        } catch (IOException e) {
            throw new ServerException("record: cannot write " + path + " (" + Recorder.reason(e) + ")");
        }
        server.disk().addService(r);
        try {
            server.sendToRt(new SwapTap(server.engine(), r.tap(), this::finish));
        } catch (ServerException e) {
            server.disk().removeService(r);
            server.disk().submit(r::finishOnDisk);
            throw e;
        }
        current = r;
        return r;
    }

    private static boolean sameFile(Path a, Path b) {
        Path n = b.toAbsolutePath().normalize();
        if (a.equals(n)) return true;
        try {
            return Files.exists(n) && Files.isSameFile(a, n);
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the current recording at the next block; null when none runs. Its file is finished on the Disk thread. */
    public synchronized Recorder stop() {
        Recorder r = current;
        if (r == null) return null;
        server.sendToRt(new SwapTap(server.engine(), null, this::finish));
        current = null;
        return r;
    }

    /**
     * Stops at once, without a block: only while the audio thread is parked (the offline
     * controller between steps) or gone. Returns the recording, finishing on the Disk thread.
     */
    public synchronized Recorder stopNow() {
        Recorder r = current;
        current = null;
        server.engine().swapBlockTap(null);
        if (r != null) finish(r);
        return r;
    }

    public synchronized Recorder current() {
        return current;
    }

    /** NRT: the tap is off the audio thread; write what is left and close the file on the Disk thread. */
    void finish(Recorder r) {
        server.disk().submit(() -> {
            r.finishOnDisk();
            server.disk().removeService(r);
        });
    }
}
