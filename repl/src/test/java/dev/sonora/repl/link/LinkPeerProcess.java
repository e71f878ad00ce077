package dev.sonora.repl.link;

import java.util.Locale;

import dev.sonora.repl.LiveHost;

/**
 * One Sonora with Link on, in a process of its own, for {@link LinkTwoProcessesTest}: clicks on
 * every bar and prints when each was heard, in {@code System.nanoTime()} (Linux's monotonic
 * clock, the same for every process on the machine). Role {@code a} starts the session at 120 bpm
 * and plays until its peer has come and gone; role {@code b} joins at 97 bpm, marks a window once
 * it plays a's tempo and has aligned, then sets 140 bpm and marks the change.
 */
public final class LinkPeerProcess {
    private LinkPeerProcess() {
    }

    public static void main(String[] args) throws Exception {
        boolean a = args[0].equals("a");
        HeardOut out = LinkPeers.out();
        try (LiveHost h = LinkPeers.host(out)) {
            watchXruns(h);
            if (a) {
                h.eval("tempo(120); link(true)\n" + LinkPeers.BAR_CLICKS, "a.js");
                say("a-ready %d", System.nanoTime());
                LinkPeers.await("a peer", () -> LinkPeers.link(h, "peers") == 1);
                Thread tempos = new Thread(() -> {
                    // when b's tempo change reaches a: the first moment a's session says 140
                    while (LinkPeers.link(h, "peers") == 1) {
                        if (Math.abs(LinkPeers.link(h, "tempo") - 140) < 0.01) {
                            say("a-tempo140 %d", System.nanoTime());
                            return;
                        }
                        sleep(5);
                    }
                });
                tempos.start();
                long end = System.nanoTime() + 60_000_000_000L;
                while (LinkPeers.link(h, "peers") == 1 && System.nanoTime() < end) sleep(50);
                tempos.join(1000);
            } else {
                h.eval("tempo(97); link(true)\n" + LinkPeers.BAR_CLICKS, "b.js");
                LinkPeers.await("a peer", () -> LinkPeers.link(h, "peers") == 1);
                LinkPeers.await("a's tempo", () -> Math.abs(LinkPeers.link(h, "tempo") - 120) < 0.01);
                sleep(5000); // b aligns its phase at its next bar
                say("b-window %d", System.nanoTime());
                sleep(6000);
                say("b-change %d", System.nanoTime());
                h.eval("tempo(140)", "t");
                sleep(9000);
                say("b-window2 %d", System.nanoTime() - 4_000_000_000L);
            }
            for (double t : LinkPeers.heardNanos(out, 0)) say("heard %.0f", t);
            say("status %s", LinkPeers.xruns(h));
        }
        System.exit(0); // Link's and the host's daemon threads end with the process
    }

    /**
     * Prints {@code xrun-at T} (host time, to within 10 ms) for each null-driver xrun, so that the
     * test judges a window of bars by the xruns near it, not by the whole run's, most of which come
     * while the two JVMs start and compile at once.
     */
    private static void watchXruns(LiveHost h) {
        Thread t = new Thread(() -> {
            long seen = 0;
            while (true) {
                long n = h.server.status().xruns();
                for (; seen < n; seen++) say("xrun-at %d", System.nanoTime());
                sleep(10);
            }
        }, "xrun-watch");
        t.setDaemon(true);
        t.start();
    }

    private static synchronized void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
