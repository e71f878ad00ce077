package dev.sonora.repl.link;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.sonora.repl.LiveHost;
import dev.sonora.repl.RealTimeRetry;

/**
 * What the Link tests share: waiting for a condition (generous timeouts: the tests assert what
 * the players agree on, never how fast), a click on every bar, and the host time (nanoTime) at
 * which a rendered onset leaves the null driver (rendered + its buffer: the output latency).
 * Test thread.
 */
final class LinkPeers {
    static final int BUFFER = 256;
    /** One click a bar: a one-sample impulse (the onset detector's edge) at the loop's sample. */
    static final String BAR_CLICKS = """
            def('click', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))
            loop('bar', cycle(), () => synth('click'))
            """;

    private LinkPeers() {
    }

    static void await(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    static double link(LiveHost h, String field) {
        try {
            return Double.parseDouble(h.eval("+link()." + field, "t"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A live host whose clicks are recorded as the host times they are heard. */
    static LiveHost host(HeardOut out) throws Exception {
        LiveHost h = new LiveHost(out, BUFFER);
        out.clock = h.server.engine().sampleClock();
        h.onLang(() -> { // as the command line does with its driver's latency
            h.host.extension("link", LinkBridge.class).outputLatencyFrames(BUFFER);
            return null;
        });
        return h;
    }

    static HeardOut out() {
        return new HeardOut(48000, BUFFER);
    }

    /** Host times (ns) at which the clicks from index {@code from} on left the speakers. */
    static List<Double> heardNanos(HeardOut out, int from) {
        List<Double> t = new ArrayList<>();
        for (int i = from; i < out.count; i++) t.add(out.heardNanos[i]);
        return t;
    }

    /** One line about how the run went, for the figures: xruns and late commands of each server. */
    static String xruns(LiveHost... hosts) {
        StringBuilder b = new StringBuilder();
        for (LiveHost h : hosts) b.append(" xruns ").append(h.server.status().xruns()).append(" late ").append(h.server.status().late());
        return b.toString().trim();
    }

    /** For each of {@code a}, the distance (ms) to the nearest of {@code b}. */
    static List<Double> nearestMs(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (double x : a) {
            double best = Double.MAX_VALUE;
            for (double y : b) if (Math.abs(x - y) < Math.abs(best)) best = x - y;
            d.add(best / 1e6);
        }
        return d;
    }

    /** The hosts' null-driver xruns so far, together. */
    static long xrunCount(LiveHost... hosts) {
        long n = 0;
        for (LiveHost h : hosts) n += h.server.status().xruns();
        return n;
    }

    /**
     * Whether the bar offsets {@code d} are within 1 ms, but for one bar per xrun in the window
     * ({@code xruns}), and at least one bar in any case: a null-driver xrun (this VM's timer makes
     * a few) puts that server's sample clock back on the wall clock, which moves a bar heard across
     * it by the jump (one CI run: [-0.02, 6.89, 0.08] ms with one xrun).
     */
    static boolean inPhase(List<Double> d, long xruns) {
        return inPhase(d, xruns, 1.0);
    }

    /** {@link #inPhase(List, long)} with the bars' tolerance {@code ms} (off: {@code |x| >= ms}). */
    static boolean inPhase(List<Double> d, long xruns, double ms) {
        long off = d.stream().filter(x -> Math.abs(x) >= ms).count();
        return off <= xruns && off < d.size();
    }

    /**
     * Bars (ms off a peer's) in phase: every one within 1 ms, or, with xruns of the clocked driver in
     * the window (each resynchronises its clock with the wall clock and moves the bars around it),
     * no more off than xruns and not all of them. A window with as many xruns as bars cannot be
     * judged: {@link RealTimeRetry.NotJudged}, tried again.
     */
    static void assertInPhase(List<Double> d, long xruns, String what) {
        assertInPhase(d, xruns, 1.0, what);
    }

    /** {@link #assertInPhase(List, long, String)} with the bars' tolerance {@code ms}. */
    static void assertInPhase(List<Double> d, long xruns, double ms, String what) {
        String within = java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString();
        judgeBars(d, maxAbs(d) < ms || inPhase(d, xruns, ms), xruns,
                what + " within " + within + " ms: " + d + " (" + xruns + " xruns in the window)");
    }

    /**
     * Bar lengths ({@code d}: each bar's length less the nominal, ms) all within {@code ms}, but
     * for two per xrun in the window: a bar an xrun moved lengthens the bar before it and shortens
     * its own (one CI run: [6.95, -6.93] ms with one xrun), where offsets from a peer's bars
     * ({@link #assertInPhase}) show one. A window whose lengths the xruns could all have spoiled
     * is not judged.
     */
    static void assertLengthsInPhase(List<Double> d, long xruns, double ms, String what) {
        String within = java.math.BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString();
        judgeBars(d, maxAbs(d) < ms || inPhase(d, 2 * xruns, ms), 2 * xruns,
                what + " within " + within + " ms: " + d + " (" + xruns + " xruns in the window)");
    }

    /**
     * The verdict on a window of bars whose test ({@code ok}) is the caller's: at least two bars
     * heard; not ok with as many xruns as bars, not judged; not ok otherwise, a failure saying {@code line}.
     */
    static void judgeBars(List<Double> d, boolean ok, long xruns, String line) {
        assertTrue(d.size() >= 2, "too few bars heard: " + line);
        if (ok) return;
        if (xruns >= d.size()) throw new RealTimeRetry.NotJudged(line);
        fail(line);
    }

    static double maxAbs(List<Double> d) {
        double m = 0;
        for (double x : d) m = Math.max(m, Math.abs(x));
        return m;
    }
}
