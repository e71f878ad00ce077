package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code adsr(attack, decay, sustain, release, gate, curve)}: attack to 1, decay to
 * {@code sustain}, hold while gate &gt; 0; when the gate closes, release from wherever it is
 * to 0 and end the synth. A gate that opens again restarts the attack from the current level.
 */
public final class Adsr extends Ugen {
    private static final int IDLE = 0, ATTACK = 1, DECAY = 2, SUSTAIN = 3, RELEASE = 4, DONE = 5;
    private final UnitContext ctx;
    private final Wire attack, decay, sustain, release, gate, curve;
    private final Wire out;
    private final EnvSegment seg;
    private int stage = IDLE;
    private boolean gateOpen;

    public Adsr(UnitContext ctx, Wire attack, Wire decay, Wire sustain, Wire release, Wire gate,
                Wire curve, Wire out) {
        this.ctx = ctx;
        this.seg = new EnvSegment(0); // sample by sample only: the gate may change at any sample
        this.attack = attack;
        this.decay = decay;
        this.sustain = sustain;
        this.release = release;
        this.gate = gate;
        this.curve = curve;
        this.out = out;
    }

    @Override
    public void process(int from, int to) {
        // settled (sustaining with the gate open, or idle/done with it closed): a steady output,
        // which lets the units downstream take their scalar kernels
        if (gate.steady && (gate.value > 0f) == gateOpen && (stage == SUSTAIN || stage == DONE || stage == IDLE)) {
            float v = seg.level();
            if (!out.steady || out.value != v) out.fill(v);
            return;
        }
        out.steady = false;
        final float[] o = out.buf;
        final float[] g = gate.buf;
        final float c = Line.finite(curve.value);
        for (int i = from; i < to; i++) {
            boolean open = g[i] > 0f;
            if (open != gateOpen) {
                gateOpen = open;
                if (open) {
                    stage = ATTACK;
                    seg.start(seg.level(), 1f, samples(attack.buf[i]), c);
                } else if (stage != IDLE && stage != DONE) {
                    stage = RELEASE;
                    seg.start(seg.level(), 0f, samples(release.buf[i]), c);
                }
            }
            float v = seg.next();
            if (seg.finished()) {
                switch (stage) {
                    case ATTACK -> {
                        stage = DECAY;
                        seg.start(v, level(sustain.buf[i]), samples(decay.buf[i]), c);
                    }
                    case DECAY -> {
                        stage = SUSTAIN;
                        seg.hold(v);
                    }
                    case RELEASE -> {
                        stage = DONE;
                        ctx.synth().markDone();
                    }
                    default -> { }
                }
            }
            o[i] = v;
        }
    }

    private static float level(float x) {
        return Math.max(0f, Line.finite(x));
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
        stage = IDLE;
        gateOpen = false;
    }
}
