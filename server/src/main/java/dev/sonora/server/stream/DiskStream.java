package dev.sonora.server.stream;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.buffer.AudioFileReader;
import dev.sonora.server.buffer.DiskService;
import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;

/**
 * A file played in constant memory: a fixed ring of pre-allocated {@link StreamBlock}s cycles
 * between the Disk thread (fills free blocks from the source, in order) and the audio thread
 * ({@link DiskIn} plays full blocks and hands them back). If the disk falls behind, the audio
 * thread plays silence and counts an underflow rather than wait; playback resumes where it
 * left off. {@link #serviceOnDisk} runs on the Disk thread; the audio thread touches only the
 * queues and the underflow counter; the rest is any thread.
 */
public final class DiskStream implements DiskService {
    public static final int DEFAULT_BLOCK_FRAMES = 4096;
    public static final int DEFAULT_RING_BLOCKS = 16;
    final int id;
    private final StreamTable table;
    final String name;
    final double step; // source frames per output frame at rate 1
    final boolean loop;
    final SpscArrayQueue<StreamBlock> free; // RT -> Disk
    final SpscArrayQueue<StreamBlock> full; // Disk -> RT
    private final StreamSource source;
    private final int ringBlocks;
    private final Consumer<String> report;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile RtSynth synth;
    private volatile boolean holding;
    private volatile boolean endQueued;
    private volatile boolean closed;
    private volatile long underflows; // written by the audio thread only
    private long underflowsReported;
    private long damagedReported;
    private long lastReport;

    /** Opens a stream in {@code table} (which gives it its id) for a server running at {@code world}'s rate. */
    public DiskStream(StreamTable table, World world, String name, StreamSource source, boolean loop, int blockFrames,
                      int ringBlocks, Consumer<String> report) {
        this.id = table.nextId();
        this.table = table;
        this.name = name;
        this.source = source;
        this.loop = loop;
        this.ringBlocks = ringBlocks;
        this.report = report;
        this.step = world == null ? 1.0 : source.sampleRate() / (double) world.sampleRate;
        this.free = new SpscArrayQueue<>(ringBlocks);
        this.full = new SpscArrayQueue<>(ringBlocks);
        for (int i = 0; i < ringBlocks; i++) free.offer(new StreamBlock(blockFrames));
        table.add(this);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Times the audio thread found no frames ready (it played silence for the rest of that block). */
    public long underflows() {
        return underflows;
    }

    void underflowOnRt() {
        underflows = underflows + 1; // single writer
    }

    /** Sender side: the first diskin built on this stream plays it; others get silence. */
    boolean claim(RtSynth s) {
        if (!claimed.compareAndSet(false, true)) return false;
        synth = s;
        return true;
    }

    RtSynth synth() {
        return synth;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void serviceOnDisk() {
        if (closed) return;
        holding = true;
        try {
            StreamBlock b;
            while (!endQueued && !closed && (b = free.relaxedPoll()) != null) {
                fillOnDisk(b);
                full.offer(b); // cannot fail: the ring is a closed loop
            }
        } finally {
            holding = false;
        }
        long u = underflows;
        long d = source.damagedSamples();
        long now = System.nanoTime();
        if ((u > underflowsReported || d > damagedReported) && now - lastReport >= 1_000_000_000L) { // a line a second at most
            if (u > underflowsReported) {
                report.accept(String.format(Locale.ROOT,
                        "stream %s: %d underflows so far (the disk did not keep up; silence, then playback resumed)", name, u));
            }
            if (d > damagedReported) {
                report.accept("stream " + name + ": " + d + " damaged samples so far (not numbers or beyond ±"
                        + (int) AudioFileReader.MAX_FLOAT_SAMPLE + "), played as silence");
            }
            underflowsReported = u;
            damagedReported = d;
            lastReport = now;
        }
    }

    private void fillOnDisk(StreamBlock b) {
        b.pos = 0;
        b.last = false;
        int n;
        try {
            n = source.read(b.data, b.data.length / 2);
            if (n < 0 && loop) {
                source.rewind();
                n = source.read(b.data, b.data.length / 2);
            }
        } catch (IOException e) {
            report.accept("stream " + name + ": cannot read on (" + e.getMessage() + "); it ends here");
            n = -1;
        }
        if (n <= 0) {
            b.frames = 0;
            b.last = true;
            endQueued = true;
        } else {
            b.frames = n;
        }
    }

    /** Stops prefetching and closes the source (on the Disk thread). Any thread; idempotent. */
    public void close(DiskThread disk) {
        if (closed) return;
        closed = true;
        table.forget(this);
        disk.removeService(this);
        disk.submit(() -> {
            try {
                source.close();
            } catch (IOException e) {
                // closing a file we only read: nothing to tell the performer
            }
        });
    }

    @Override
    public boolean caughtUp() {
        return closed || endQueued || (free.isEmpty() && !holding);
    }

    @Override
    public boolean urgent() {
        return !closed && !endQueued && full.size() < ringBlocks / 2;
    }

    @Override
    public String toString() {
        return "Stream(" + id + " '" + name + "')";
    }
}
