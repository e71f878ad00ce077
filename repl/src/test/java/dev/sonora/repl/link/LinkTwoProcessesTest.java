package dev.sonora.repl.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.sonora.repl.RealTimeRetry;
import dev.sonora.server.ChildJvm;

/**
 * Issue 19's "two Sonora processes on this machine": two JVMs, each a Sonora on a clocked null
 * driver with Link on, meet over the loopback. The second takes the first's tempo; their bar
 * clicks, as heard (each process's sample clock turned into the machine's monotonic clock), land
 * within 1 ms of each other; a tempo change in the second reaches the first within a second and
 * the bars still agree after it (judged by their median when either null driver had an xrun near
 * that window: most come while the two JVMs start and compile at once).
 * {@link LinkTwoSonorasTest} does the same in one JVM.
 */
class LinkTwoProcessesTest {
    /** The longest bar the processes play (97 bpm, b's own tempo before it joins), in ns. */
    private static final double BAR_NANOS = 4 * 60e9 / 97;

    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void twoProcessesShareTempoAndBarsAndATempoChange() throws Exception {
        Path logA = Files.createTempFile("sonora-link-a-", ".log");
        Path logB = Files.createTempFile("sonora-link-b-", ".log");
        List<String> opts = List.of("-Dpolyglot.engine.WarnInterpreterOnly=false");
        Process a = ChildJvm.command(opts, LinkPeerProcess.class, "a").redirectErrorStream(true).redirectOutput(logA.toFile()).start();
        Process b = null;
        try {
            // a's session must be the older one: b starts once a has said it plays
            long until = System.nanoTime() + 120_000_000_000L; // a stop condition, not a threshold
            while (!Files.readString(logA).contains("a-ready") && a.isAlive() && System.nanoTime() < until) Thread.sleep(100);
            Thread.sleep(700);
            b = ChildJvm.command(opts, LinkPeerProcess.class, "b").redirectErrorStream(true).redirectOutput(logB.toFile()).start();
            assertTrue(b.waitFor(180, TimeUnit.SECONDS), "b ran on: " + Files.readString(logB));
            assertTrue(a.waitFor(60, TimeUnit.SECONDS), "a ran on after b left: " + Files.readString(logA));
        } finally {
            a.destroyForcibly();
            if (b != null) b.destroyForcibly();
        }
        String outA = Files.readString(logA, StandardCharsets.UTF_8);
        String outB = Files.readString(logB, StandardCharsets.UTF_8);
        assertEquals(0, a.exitValue(), outA);
        assertEquals(0, b.exitValue(), outB);
        List<Double> heardA = values(outA, "heard");
        List<Double> heardB = values(outB, "heard");
        double window = values(outB, "b-window").get(0);
        double change = values(outB, "b-change").get(0);
        double window2 = values(outB, "b-window2").get(0);

        List<Double> before = LinkPeers.nearestMs(between(heardB, window, change), heardA);
        long near = xrunsNear(outA, outB, window, change);
        System.out.printf("two processes, 120 bpm: b's bars against a's, ms: %s (a: %s; b: %s; %d near these bars)%n", before,
                line(outA, "status"), line(outB, "status"), near);
        // a null driver that missed a deadline resynchronises its sample clock with the wall clock,
        // which moves the clicks around it when they are turned into wall time: with xruns near
        // the window, the bars are judged by their median, and by every one of them otherwise
        judge(before, near, "bars within 1 ms at 120 bpm");

        double reached = values(outA, "a-tempo140").get(0);
        System.out.printf("tempo change b -> a seen after %.0f ms%n", (reached - change) / 1e6);
        assertTrue(reached - change < 1e9, "a had b's tempo within a second: " + (reached - change) / 1e6 + " ms");

        List<Double> after = LinkPeers.nearestMs(between(heardB, window2, Double.MAX_VALUE), heardA);
        long nearAfter = xrunsNear(outA, outB, window2, Double.MAX_VALUE);
        System.out.printf("two processes, 140 bpm: b's bars against a's, ms: %s (%d xruns near them)%n", after, nearAfter);
        judge(after, nearAfter, "bars within 1 ms at 140 bpm");
    }

    /**
     * The bars within 1 ms (by their median when either process had an xrun near the window); off
     * with as many xruns near the window as bars, not judged ({@link RealTimeRetry.NotJudged}).
     */
    private static void judge(List<Double> d, long xruns, String what) {
        LinkPeers.judgeBars(d, d.size() >= 2 && within1Ms(d, xruns > 0), xruns, what + ": " + d + " (" + xruns + " xruns near the window)");
    }

    /**
     * Both processes' xruns from one bar before {@code from} (a bar is scheduled ahead of when it
     * sounds, so a resynchronisation then can still move it) until {@code to}.
     */
    private static long xrunsNear(String outA, String outB, double from, double to) {
        double since = from - BAR_NANOS;
        long n = 0;
        for (String out : List.of(outA, outB)) {
            for (String l : out.split("\n")) {
                if (!l.startsWith("xrun-at ")) continue;
                double t = Double.parseDouble(l.substring("xrun-at ".length()).trim());
                if (t >= since && t < to) n++;
            }
        }
        return n;
    }

    private static boolean within1Ms(List<Double> d, boolean xruns) {
        if (!xruns) return LinkPeers.maxAbs(d) < 1.0;
        List<Double> abs = new ArrayList<>();
        for (double x : d) abs.add(Math.abs(x));
        abs.sort(null);
        return abs.get(abs.size() / 2) < 1.0;
    }

    private static List<Double> between(List<Double> t, double from, double to) {
        List<Double> in = new ArrayList<>();
        for (double x : t) if (x >= from && x < to) in.add(x);
        return in;
    }

    /** The number after {@code key} on each line that starts with it. */
    private static List<Double> values(String out, String key) {
        List<Double> v = new ArrayList<>();
        for (String l : out.split("\n")) if (l.startsWith(key + " ")) v.add(Double.parseDouble(l.substring(key.length() + 1).trim()));
        if (v.isEmpty()) throw new AssertionError("no '" + key + "' line in:\n" + out);
        return v;
    }

    private static String line(String out, String key) {
        for (String l : out.split("\n")) if (l.startsWith(key + " ")) return l.substring(key.length() + 1);
        return "?";
    }
}
