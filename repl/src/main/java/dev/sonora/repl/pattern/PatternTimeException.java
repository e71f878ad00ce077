package dev.sonora.repl.pattern;

/**
 * Pattern time that exact arithmetic cannot hold: a performer's number (a factor of 1e16, a shift
 * of 1e300, a query a lifetime away), not a bug, so it is said in one line like any refusal
 * (an {@link IllegalArgumentException}) instead of as an internal error.
 */
public final class PatternTimeException extends IllegalArgumentException {
    PatternTimeException(String message) {
        super(message);
    }

    static PatternTimeException overflow() {
        return new PatternTimeException("pattern time out of range: a number too large or too fine for exact time"
                + " (a factor, a shift, a weight or a query time?)");
    }
}
