package dev.sonora.repl.observe;

import java.util.function.Supplier;

import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.samples.SampleLibrary;
import dev.sonora.repl.terminal.StatusFeed;
import dev.sonora.repl.terminal.StatusText;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;
import dev.sonora.server.observe.MeterTap;
import dev.sonora.server.observe.TapSource;
import dev.sonora.server.rt.RtStats;

/**
 * The status line's numbers from a live session: a meter on the main output (one more tap on
 * the trap slots, windows of 50 ms), the status line's own peak-load window in the server's
 * counters (so {@code status()}'s window is not shortened), and the tempo and beat, which only
 * the Lang thread may read: a Lang ticker copies them out at most 20 times a second. {@link
 * #next} on the status line's thread; built and closed on any non-audio thread.
 */
public final class LiveStatusFeed implements StatusFeed, AutoCloseable {
    private static final long TEMPO_NANOS = 50_000_000L;

    private final Server server;
    private final MeterTap out;
    private final SampleLibrary samples;
    private final int slot;
    private final Supplier<TimeBridge> clock; // null until the JS side is up (Lang thread)
    private TimeBridge time;                   // Lang thread
    private final double[] heard = new double[2]; // Lang thread
    private long tempoRead;                        // Lang thread
    private volatile double bpm = Double.NaN;
    private volatile double beat;
    private volatile boolean closed;
    // the status line's thread
    private float peakLeft;
    private float peakRight;

    /** @param clock the session's tempo clock, or null while the JavaScript side is not up yet (asked on the Lang thread) */
    public LiveStatusFeed(Server server, LangLoop lang, Supplier<TimeBridge> clock) {
        this.server = server;
        this.clock = clock;
        this.samples = SampleLibrary.of(server);
        this.out = new MeterTap(TapSource.out(), server.blockSize(), Math.max(1, server.sampleRate() / 20));
        this.slot = server.observers().add(out);
        lang.addTicker(this::tempoOnLang);
    }

    private void tempoOnLang() {
        if (closed) return;
        long now = System.nanoTime();
        if (now - tempoRead < TEMPO_NANOS) return;
        tempoRead = now;
        if (time == null && (time = clock.get()) == null) return;
        if (time.heard(heard)) {
            beat = heard[0];
            bpm = heard[1];
        }
    }

    @Override
    public StatusText next() {
        peakLeft = 0f;
        peakRight = 0f;
        out.drain((t, pl, pr, rl, rr) -> {
            peakLeft = Math.max(peakLeft, pl);
            peakRight = Math.max(peakRight, pr);
        });
        RtStats s = server.stats();
        int[] loading = samples.loading();
        // the output stage cuts at ±1, so a side that clipped reads exactly full scale
        return new StatusText(100.0 * s.publishedLoad, 100.0 * s.takePeakLoad(RtStats.STATUS_LINE_READER),
                peakLeft, peakRight, peakLeft >= 1f, peakRight >= 1f, bpm, beat, s.publishedLate, s.xruns,
                s.publishedClipped, loading == null ? 0 : loading[0], loading == null ? 0 : loading[1]);
    }

    /** Takes the output meter off the audio thread. */
    @Override
    public void close() {
        closed = true;
        server.observers().remove(slot);
    }
}
