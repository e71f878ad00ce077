package dev.sonora.server.osc;

import java.util.List;

/**
 * One decoded OSC bundle: its NTP time tag (seconds since 1900 in the high 32 bits, the
 * fraction in the low 32; {@link #IMMEDIATELY} = 1 means "now") and its elements, each an
 * {@link OscMessage} or a nested {@link OscBundle}. Immutable; any thread.
 */
public record OscBundle(long timeTag, List<Object> elements) {
    /** The time tag that means "at once". */
    public static final long IMMEDIATELY = 1L;
}
