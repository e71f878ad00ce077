package dev.sonora.server.synth;

/** A mistake in a synth definition, found while building it (never at play time). Any thread. */
public final class DefException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DefException(String message) {
        super(message);
    }
}
