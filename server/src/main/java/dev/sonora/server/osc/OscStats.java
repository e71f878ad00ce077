package dev.sonora.server.osc;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one OSC server. Written by the receive threads and NRT; read by any thread. */
public final class OscStats {
    /** Packets received (UDP datagrams, TCP frames). */
    public final LongAdder packets = new LongAdder();
    /** Messages performed or answered (bundle elements count one each). */
    public final LongAdder messages = new LongAdder();
    /** Packets dropped as not valid OSC, truncated or oversized (counted, never answered). */
    public final LongAdder dropped = new LongAdder();
    /** {@code /fail} replies sent. */
    public final LongAdder failed = new LongAdder();
    /** Messages whose command is not one Sonora knows. */
    public final LongAdder unknown = new LongAdder();
    /** Bundles whose time tag had passed when they arrived (performed at once). */
    public final LongAdder late = new LongAdder();
    /** Replies that could not be sent (socket closed, buffer full). */
    public final LongAdder replyErrors = new LongAdder();
}
