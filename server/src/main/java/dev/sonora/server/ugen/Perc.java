package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code perc(attack, release, level, curve)}: rise to {@code level} in {@code attack}
 * seconds, fall to 0 in {@code release}, then end the synth (free on done). Times are read
 * when the synth starts and rounded to whole samples.
 */
public final class Perc extends Ugen {
    private final UnitContext ctx;
    private final Wire attack;
    private final Wire release;
    private final Wire level;
    private final Wire curve;
    private final Wire out;
    private final EnvSegment seg;
    private int stage; // 0 not started, 1 attack, 2 release, 3 done

    public Perc(UnitContext ctx, Wire attack, Wire release, Wire level, Wire curve, Wire out) {
        this.ctx = ctx;
        this.seg = new EnvSegment(ctx.blockSize());
        this.attack = attack;
        this.release = release;
        this.level = level;
        this.curve = curve;
        this.out = out;
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        final float c = Line.finite(curve.value);
        int i = from;
        while (i < to) {
            if (stage == 0) {
                stage = 1;
                seg.start(0f, Line.finite(level.buf[i]), samples(attack.buf[i]), c);
            }
            // the samples before a segment's last in one tight loop; the last one (where the
            // stage changes and the next segment reads its inputs) sample by sample, as before
            long interior = seg.remaining() - 1;
            if (interior > 0) {
                int n = (int) Math.min(to - i, interior);
                seg.fill(o, i, n);
                i += n;
                continue;
            }
            float v = seg.next();
            if (seg.finished()) {
                if (stage == 1) {
                    stage = 2;
                    seg.start(v, 0f, samples(release.buf[i]), c);
                } else if (stage == 2) {
                    stage = 3;
                    ctx.synth().markDone();
                }
            }
            o[i++] = v;
        }
    }

    private long samples(float seconds) {
        return Math.round(Math.max(0f, Line.finite(seconds)) * ctx.sampleRate());
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        seg.reset();
        stage = 0;
    }
}
