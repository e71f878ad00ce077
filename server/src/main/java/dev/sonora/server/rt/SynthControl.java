package dev.sonora.server.rt;

/**
 * A named control of a synth as the audio thread drives it: {@code set} takes a new value at
 * the command's sample, and while {@link #busy} (ramping) it must be processed every range.
 * The kernel lives with the other units; this type is what {@link RtSynth} needs of it, so the
 * node tree does not depend on the unit package. Audio thread only after construction.
 */
public abstract class SynthControl extends Ugen {
    public abstract void set(float value);

    public abstract boolean busy();
}
