package dev.sonora.repl.lang;

import dev.sonora.server.Server;

/**
 * At most one line a second, in server time, for a report that can recur every block (a MIDI
 * handler that throws, notes handled late): a flood of lines would bury the REPL, and counting
 * in server time makes a render print the same lines as a live run. Counts what it held back.
 * Lang thread only.
 */
public final class ReportLimiter {
    private final Server server;
    private long last = Long.MIN_VALUE;
    private int held;

    public ReportLimiter(Server server) {
        this.server = server;
    }

    /** -1 when this report must be held back (it is counted); else how many were held back since the last one shown. */
    public int admit() {
        long now = server.sampleTime();
        if (last != Long.MIN_VALUE && now - last < server.sampleRate()) {
            held++;
            return -1;
        }
        last = now;
        int n = held;
        held = 0;
        return n;
    }
}
