package dev.sonora.repl.link.net;

/**
 * The session's shared transport (payload entry {@code stst}): playing or not, from which beat,
 * stamped with the ghost time of the change (a later stamp wins).
 */
public record StartStop(boolean playing, long beats, long timestamp) {
    static final StartStop NONE = new StartStop(false, 0, 0);
}
