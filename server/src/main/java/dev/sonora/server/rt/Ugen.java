package dev.sonora.server.rt;

/**
 * A unit generator: a small kernel that renders a range of the current block.
 *
 * <p>Ports are final fields set in the constructor (on NRT); {@link #process} copies the
 * fields it needs into locals, loops over [from, to), and writes its state back. Ranges
 * make sample-accurate starts and sample-accurate {@code set} possible: the block is split
 * where a command lands. Audio thread only after construction; must not allocate.
 */
public abstract class Ugen {
    public abstract void process(int from, int to);

    /**
     * Whether {@link #reset} restores this unit exactly as its constructor left it, so a synth of
     * it may be pooled and reused. A unit that holds something taken at construction (a buffer, a
     * stream) says no, and synths with it are built afresh every time.
     */
    public boolean canReset() {
        return false;
    }

    /**
     * Puts every piece of state back as the constructor made it, reading its input wires as the
     * constructor did (they hold exactly what they held then: controls and constants set, the rest
     * zero) and taking {@code seed} as the constructor took {@code UnitContext.seed()}. Sender side,
     * on a pooled synth that has ended and come back; never while the audio thread runs it. Only
     * called when {@link #canReset} says yes; kernels keep their hot loops as they are.
     */
    public void reset(int seed) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be reset");
    }
}
