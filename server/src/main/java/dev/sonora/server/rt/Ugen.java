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
}
