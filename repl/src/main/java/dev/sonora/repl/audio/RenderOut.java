package dev.sonora.repl.audio;

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

    RenderOut(long limitFrames) {
        this.limit = limitFrames;
    }

    void target(AudioOut out) {
        this.target = out;
    }

    long written() {
        return written;
    }

    @Override
    public void write(float[] left, float[] right, int frames) {
        AudioOut t = target;
        if (t == null) return;
        long w = written;
        int keep = (int) Math.min(frames, limit - w);
        if (keep > 0) {
            t.write(left, right, keep);
            written = w + keep;
        }
    }
}
