package dev.sonora.repl.link;

import java.io.IOException;
import java.util.Locale;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.link.net.LinkNode;
import dev.sonora.repl.link.net.LinkState;
import dev.sonora.repl.time.Clock;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;

/**
 * The JS API's door to Ableton Link (the prelude module {@code link.mjs} gets it): joins and
 * leaves the session, reports it, and carries scripts' tempo changes and start/stop to it. The
 * network runs on the node's own thread; this side only reads its published state and posts
 * requests, so a slow or hostile network never holds up Lang. Lang thread only, except the
 * peers' lines, which the network thread posts to the Lang loop.
 */
public final class LinkBridge implements AutoCloseable {
    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final TimeBridge time;
    private final Clock clock;
    private LinkNode node;
    private LinkFollower follower;
    private int outputLatencyFrames;
    private boolean startStopSync; // Lang's own copy: the node's state shows it a moment later

    public LinkBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        Object t = host.extension("time");
        if (!(t instanceof TimeBridge tb)) throw new IllegalStateException("link needs the time extension loaded before it");
        this.time = tb;
        this.clock = tb.clock();
        lang.addTicker(this::tick); // after the clock's own ticker: steers what the next tick sends
    }

    private void tick() {
        if (follower != null) follower.run();
    }

    /** The driver's output latency: Link's beat is where the sound leaves the speakers. Lang thread (set at start-up). */
    public void outputLatencyFrames(int frames) {
        outputLatencyFrames = Math.max(0, frames);
        if (follower != null) follower.outputLatencyFrames(outputLatencyFrames);
    }

    @HostAccess.Export
    public boolean enabled() {
        return node != null;
    }

    /** Joins (true) or leaves (false) the Link session, and says so in one line. */
    @HostAccess.Export
    public void enable(boolean on) {
        if (on == (node != null)) return;
        if (!on) {
            close();
            output.out("link: off");
            return;
        }
        if (lang.virtualTime()) throw new IllegalArgumentException("link: not in a --render (it runs in virtual time, not with other players)");
        double bpm = clock.bpmAt(clock.running() ? clock.beatAtSample(server.sampleTime()) : 0);
        try {
            node = LinkNode.start(bpm, line -> lang.post(() -> output.out(line)));
        } catch (IOException e) {
            throw new IllegalArgumentException("link: cannot open Link's network sockets (UDP " + LinkNode.PORT + "): " + e.getMessage());
        }
        follower = new LinkFollower(clock, server, node, output::err, output::out);
        follower.outputLatencyFrames(outputLatencyFrames);
        clock.tempoListener(follower::tempoSet);
        output.out(String.format(Locale.ROOT, "link: on (%s), %.2f bpm, quantum %s: the session's tempo and phase from now on",
                node.where(), node.state().bpm(), plain(clock.quantum())));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** {enabled, peers, tempo, beat, phase, playing}: Sonora's beat now and its phase in the quantum. */
    @HostAccess.Export
    public ProxyObject state() {
        double q = clock.quantum();
        LinkState st = node == null ? null : node.state();
        double beat;
        if (clock.running()) beat = clock.beatAtSample(server.sampleTime() + time.latency() * server.sampleRate());
        else if (st != null) beat = follower.sonoraBeat(st.beatAtHost(LinkNode.hostMicros()));
        else beat = 0;
        double tempo = st != null ? st.bpm() : clock.bpmAt(beat);
        double phase = ((beat % q) + q) % q;
        return JsValues.object("enabled", st != null, "peers", st == null ? 0 : st.peers(), "tempo", tempo, "beat", beat,
                "phase", phase, "playing", st != null && startStopSync && st.startStop().playing());
    }

    /** Counters of bad input and the session's ids: {dropped, refused, clamped, startStop, node, session}. */
    @HostAccess.Export
    public ProxyObject status() {
        LinkState st = node == null ? null : node.state();
        if (st == null) return JsValues.object("enabled", false);
        return JsValues.object("enabled", true, "dropped", st.dropped(), "refused", st.refused(), "clamped", st.clamped(), "startStop", st.startStopSync(),
                "node", Long.toHexString(st.nodeId()), "session", Long.toHexString(st.sessionId()));
    }

    @HostAccess.Export
    public boolean startStopSync() {
        return node != null && startStopSync;
    }

    @HostAccess.Export
    public void setStartStopSync(boolean on) {
        if (node == null) throw new IllegalArgumentException("link.startStop: Link is off; link(true) first");
        follower.requestStartStopSync(on);
        startStopSync = on;
    }

    /** Starts or stops the session's transport (peers with start/stop sync on follow). */
    @HostAccess.Export
    public void play(boolean playing) {
        if (node == null) throw new IllegalArgumentException("link: Link is off; link(true) first");
        if (!startStopSync) throw new IllegalArgumentException("link: start/stop is not shared; link.startStop(true) first");
        follower.requestStartStop(playing);
    }

    @Override
    public void close() {
        if (node == null) return;
        clock.tempoListener(null);
        follower.releaseTransport(); // loops a stopped session held play again: Link no longer stops them
        follower = null;
        startStopSync = false;
        node.close();
        node = null;
    }
}
