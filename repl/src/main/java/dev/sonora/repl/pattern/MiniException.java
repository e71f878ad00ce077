package dev.sonora.repl.pattern;

/** A mini-notation string that cannot be read: the message says what and at which column (1-based). */
public final class MiniException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int column;

    MiniException(String source, String reason, int column) {
        super("mini: \"" + source + "\": " + reason + " at column " + column);
        this.column = column;
    }

    public int column() {
        return column;
    }
}
