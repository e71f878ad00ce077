package dev.sonora.server.ugen;

/**
 * The left and right gains of a panner for a settled position and level, recomputed only
 * when either changes: a held pan costs two table reads when it moves, not every block.
 * Owned by one panner on the audio thread.
 */
final class PanGains {
    private float lastPos = Float.NaN;
    private float lastLevel = Float.NaN;
    float left;
    float right;

    /** Brings {@link #left} and {@link #right} up to date for this position and level. */
    void update(float pos, float level) {
        // a NaN never equals itself, so a NaN input is recomputed (angle() maps it to centre)
        if (pos == lastPos && level == lastLevel) return;
        left = Pan2.gainLeft(pos) * level;
        right = Pan2.gainRight(pos) * level;
        lastPos = pos;
        lastLevel = level;
    }

    /** As built. */
    void reset() {
        lastPos = Float.NaN;
        lastLevel = Float.NaN;
        left = 0f;
        right = 0f;
    }
}
