package dev.sonora.repl.terminal;

/** Where the status line's numbers come from: one snapshot per redraw. The status line's thread. */
@FunctionalInterface
public interface StatusFeed {
    /** The numbers since the last call. */
    StatusText next();
}
