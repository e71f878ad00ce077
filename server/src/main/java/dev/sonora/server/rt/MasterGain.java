package dev.sonora.server.rt;

/**
 * The gain applied to the main output after cleaning: 1 normally; {@code fadeOut} ramps it to
 * 0 so quitting never clicks. Audio thread only (set through {@link SetMasterGain}).
 */
public final class MasterGain {
    float current = 1f;
    float target = 1f;
    float step;

    /** The gain reached at the end of the last block. Any thread (racy read, for status). */
    public float current() {
        return current;
    }
}
