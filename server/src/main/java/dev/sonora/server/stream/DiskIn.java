package dev.sonora.server.stream;

import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.ugen.UnitContext;
import dev.sonora.server.ugen.Wire;

/**
 * {@code diskin(stream, rate)}: plays an open {@link DiskStream}, stereo out. Frames come from
 * the stream's full blocks in order; used blocks go straight back to the Disk thread. Between
 * source frames it interpolates linearly (the file's rate need not be the server's; at the same
 * rate and rate 1 it plays the file's samples exactly). No frames ready: silence for the rest
 * of the block, one underflow counted, and it picks up at the same frame next block. At the
 * end of the file (no loop) the synth is done and frees itself.
 */
public final class DiskIn extends Ugen {
    private final DiskStream stream;
    private final RtSynth synth;
    private final Wire rate;
    private final Wire left;
    private final Wire right;
    private StreamBlock block;
    private float x0l, x0r, x1l, x1r;
    private int have; // source frames in the window (x0, x1)
    private double frac;
    private boolean done;

    static {
        warmOnCaller();
    }

    public DiskIn(UnitContext ctx, Wire streamId, Wire rate, Wire left, Wire right) {
        this(stream(ctx, (int) streamId.value), ctx.synth(), rate, left, right);
    }

    private static DiskStream stream(UnitContext ctx, int id) {
        StreamTable table = ctx.resources() == null ? null : ctx.resources().get(StreamTable.class);
        return table == null ? null : table.get(id);
    }

    private DiskIn(DiskStream s, RtSynth synth, Wire rate, Wire left, Wire right) {
        this.synth = synth;
        this.stream = s != null && s.claim(synth) ? s : null;
        this.rate = rate;
        this.left = left;
        this.right = right;
    }

    @Override
    public void process(int from, int to) {
        final float[] l = left.buf;
        final float[] r = right.buf;
        final DiskStream s = stream;
        if (s == null || done) {
            silence(l, r, from, to);
            return;
        }
        final float[] rt = rate.buf;
        final double step = s.step;
        for (int i = from; i < to; i++) {
            while (have < 2) {
                if (!pull(s)) {
                    if (done) {
                        if (synth != null) synth.markDone();
                    } else {
                        s.underflowOnRt();
                    }
                    silence(l, r, i, to);
                    return;
                }
            }
            float f = (float) frac;
            l[i] = x0l + f * (x1l - x0l);
            r[i] = x0r + f * (x1r - x0r);
            double adv = rt[i] * step;
            frac += adv > 0 ? adv : 0;
            while (frac >= 1 && have == 2) {
                frac -= 1;
                x0l = x1l;
                x0r = x1r;
                have = 1;
                pull(s); // when nothing is ready, the top of the loop tries again (or underflows)
            }
        }
    }

    /** Moves the next source frame into the window; false when none is ready (or the file ended). */
    private boolean pull(DiskStream s) {
        StreamBlock b = block;
        if (b != null && b.pos >= b.frames) {
            if (b.last) {
                done = true;
                return false;
            }
            s.free.offer(b); // back to the Disk thread; cannot fail (closed loop)
            block = null;
            b = null;
        }
        if (b == null) {
            b = s.full.relaxedPoll();
            if (b == null) return false;
            block = b;
            if (b.pos >= b.frames) return pull(s);
        }
        int k = 2 * b.pos++;
        if (have == 0) {
            x0l = b.data[k];
            x0r = b.data[k + 1];
        } else {
            x1l = b.data[k];
            x1r = b.data[k + 1];
        }
        have++;
        return true;
    }

    private static void silence(float[] l, float[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            l[i] = 0f;
            r[i] = 0f;
        }
    }

    /**
     * Runs every path of {@link #process} once on the thread that loads this class (a sender):
     * the JVM links call sites and fields on first use, which allocates, and the audio thread's
     * first stream block must not be that first use.
     */
    private static void warmOnCaller() {
        StreamSource src = new StreamSource() {
            private int left = 3;

            @Override
            public float sampleRate() {
                return 48000;
            }

            @Override
            public int read(float[] stereo, int max) {
                return left-- > 0 ? Math.min(max, 8) : -1;
            }

            @Override
            public void rewind() {
            }

            @Override
            public void close() {
            }
        };
        DiskStream s = new DiskStream(new StreamTable(), null, "warm", src, false, 8, 4, m -> { });
        Wire one = Wire.constant(16, 1f);
        DiskIn d = new DiskIn(s, null, one, new Wire(16), new Wire(16));
        d.process(0, 16);          // nothing ready: underflow
        s.serviceOnDisk();
        for (int i = 0; i < 4; i++) {
            d.process(0, 16);      // playing, blocks handed back, then the end
            s.serviceOnDisk();
        }
    }
}
