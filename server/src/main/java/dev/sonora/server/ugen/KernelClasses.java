package dev.sonora.server.ugen;

/**
 * Loads and initialises, on the calling (sender) thread, the helper classes that unit kernels
 * use only from {@code process}: otherwise the first note of a unit would load a class, or
 * build a table, on the audio thread (an allocation and a stall; the band-limited tables
 * alone are 1.6 MB). Called when the unit registry is first used. Any non-audio thread.
 */
public final class KernelClasses {
    private KernelClasses() {
    }

    public static void preload() {
        touch(SineTable.TABLE.length);
        touch(BandLimitedTables.SawTables.ALL.length + BandLimitedTables.tableFor(0.01));
        touch(Oscillators.increment(440f, 1.0 / 48000));
        touch(Dsp.flush(Dsp.heal(0.5)) > 0 ? 1 : 0);
        touch((int) Dsp.finite(Dsp.clamp(0.5f, 0f, 1f)));
        touch((int) Sine.wrapIncrement(0.25));
    }

    private static void touch(int ignored) {
        // the calls above are what matter; this keeps them from looking unused
    }
}
