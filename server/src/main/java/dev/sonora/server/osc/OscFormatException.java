package dev.sonora.server.osc;

/** A packet that is not valid OSC, or not one Sonora takes: the reason in one line. */
public final class OscFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public OscFormatException(String message) {
        super(message, null, false, false);
    }
}
