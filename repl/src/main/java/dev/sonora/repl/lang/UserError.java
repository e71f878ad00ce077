package dev.sonora.repl.lang;

/**
 * A mistake in user code, already formatted as one line {@code file:line: reason}. Thrown
 * from the JS host to its caller (REPL, loader, renderer); the audio is never involved.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean interrupted;

    public UserError(String line) {
        this(line, false);
    }

    public UserError(String line, boolean interrupted) {
        super(line, null, false, false);
        this.interrupted = interrupted;
    }

    /** The evaluation was stopped by Ctrl-C rather than failing. */
    public boolean interrupted() {
        return interrupted;
    }
}
