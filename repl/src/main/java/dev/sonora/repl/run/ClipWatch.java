package dev.sonora.repl.run;

import java.util.Locale;

import dev.sonora.repl.lang.Output;
import dev.sonora.server.Server;
import dev.sonora.server.rt.RtStats;

/**
 * Tells a live performer, in one line, that the output is clipping. The server cuts samples
 * past full scale at ±1, so the music goes on, but distortion the performer did not ask for
 * should not go unnoticed. A ticker on the Lang loop: it looks once a second and speaks at
 * most every ten seconds while the clipping goes on. Lang thread only.
 */
public final class ClipWatch implements Runnable {
    private static final long CHECK_NANOS = 1_000_000_000L;
    private static final long QUIET_NANOS = 10_000_000_000L;
    private final RtStats stats;
    private final Output output;
    private long seen;
    private long lastCheck;
    private long lastSaid;
    private boolean said;

    /** Counts from now: whatever clipped before (the boot warm-up) is not the performer's. */
    public ClipWatch(Server server, Output output) {
        this.stats = server.stats();
        this.output = output;
        this.seen = stats.publishedClipped;
        this.lastCheck = System.nanoTime();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_NANOS) return;
        lastCheck = now;
        long clipped = stats.publishedClipped;
        long fresh = clipped - seen;
        seen = clipped;
        if (fresh <= 0 || (said && now - lastSaid < QUIET_NANOS)) return;
        said = true;
        lastSaid = now;
        output.err(message(fresh, " in the last second"));
    }

    /** The one line that says so, live and after a render: {@code when} as " in the last second". */
    public static String message(long samples, String when) {
        return String.format(Locale.ROOT, "the output clipped: %d samples went past full scale%s and were cut at ±1;"
                + " lower the levels, or end a chain with .limit(0.9)", samples, when);
    }
}
