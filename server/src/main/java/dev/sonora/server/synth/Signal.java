package dev.sonora.server.synth;

/**
 * A value in a graph under construction: one or more channels, each a wire of a unit or
 * control, or a constant. Immutable; belongs to the {@link GraphBuilder} that made it.
 */
public final class Signal {
    final GraphBuilder owner;
    /** Per channel: a wire index (&gt;= 0) or a constant, encoded as {@code -1 - constantIndex}. */
    final int[] refs;

    Signal(GraphBuilder owner, int[] refs) {
        this.owner = owner;
        this.refs = refs;
    }

    public int channels() {
        return refs.length;
    }

    /** Applies {@code f} to this signal: lets Java code chain like the JS API does. */
    public Signal pipe(java.util.function.Function<Signal, Signal> f) {
        return f.apply(this);
    }

    /** Channel {@code k} as a mono signal. */
    public Signal channel(int k) {
        return new Signal(owner, new int[] {refs[Math.floorMod(k, refs.length)]});
    }
}
