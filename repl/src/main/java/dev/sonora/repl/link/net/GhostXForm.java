package dev.sonora.repl.link.net;

/**
 * Host time to the session's shared ghost time (both in microseconds): {@code ghost = slope ×
 * host + intercept}. A node starts its own session with ghost 0 at its start; joining another
 * session takes that session's transform, measured by ping/pong.
 */
public record GhostXForm(double slope, long intercept) {
    public double hostToGhost(double hostMicros) {
        return slope * hostMicros + intercept;
    }

    public double ghostToHost(double ghostMicros) {
        return (ghostMicros - intercept) / slope;
    }
}
