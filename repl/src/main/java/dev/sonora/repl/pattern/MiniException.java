package dev.sonora.repl.pattern;

/** A mini-notation string that cannot be read: the message says what and at which column (1-based). */
public final class MiniException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int column;

    /** Longer sources are quoted around the column only: the message stays one readable line. */
    private static final int QUOTED = 60;

    MiniException(String source, String reason, int column) {
        super("mini: \"" + quoted(source, column) + "\": " + reason + " at column " + column);
        this.column = column;
    }

    private static String quoted(String source, int column) {
        if (source.length() <= QUOTED) return source;
        int from = Math.max(0, Math.min(column - 1 - QUOTED / 2, source.length() - QUOTED));
        int to = Math.min(source.length(), from + QUOTED);
        return (from > 0 ? "…" : "") + source.substring(from, to) + (to < source.length() ? "…" : "");
    }

    public int column() {
        return column;
    }
}
