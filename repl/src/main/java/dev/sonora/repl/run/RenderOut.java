package dev.sonora.repl.run;

import dev.sonora.server.rt.AudioOut;

/**
 * The offline renderer's output gate: drops blocks until a target is set (warm-up, script
 * loading) and then passes exactly {@code limit} frames on, trimming the last block so the
 * file is as long as asked. Written on the audio thread; the target is set by the render
 * controller while the audio thread is parked between steps.
 */
final class RenderOut implements AudioOut {
    private final long limit;
    private volatile AudioOut target;
    private volatile long written;
    private volatile boolean warmingUp;

    RenderOut(long limitFrames) {
        this.limit = limitFrames;
    }

    void target(AudioOut out) {
        this.target = out;
    }

    /** While warming up, blocks pass to the target (so its code runs warm) but do not count. */
    void warmingUp(boolean on) {
        this.warmingUp = on;
    }

    long written() {
        return written;
    }

    @Override
    public void write(float[] left, float[] right, int frames) {
        AudioOut t = target;
        if (t == null) return;
        if (warmingUp) {
            t.write(left, right, frames);
            return;
        }
        long w = written;
        int keep = (int) Math.min(frames, limit - w);
        if (keep > 0) {
            t.write(left, right, keep);
            written = w + keep;
        }
    }
}
