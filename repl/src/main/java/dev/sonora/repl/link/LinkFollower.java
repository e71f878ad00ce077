package dev.sonora.repl.link;

import java.util.Locale;
import java.util.function.Consumer;

import dev.sonora.repl.link.net.LinkNode;
import dev.sonora.repl.link.net.LinkState;
import dev.sonora.repl.link.net.StartStop;
import dev.sonora.repl.link.net.Timeline;
import dev.sonora.repl.time.Clock;
import dev.sonora.repl.time.ClockTick;
import dev.sonora.server.Server;
import dev.sonora.server.rt.SampleClock;

/**
 * Keeps the tempo clock and the Link session one timeline, on every Lang tick. Sonora's beat plus
 * {@code shift} (a whole number of quanta once aligned) is the session's beat, at the moment a
 * sample leaves the speakers: host time of a sample = when the audio thread renders it (the
 * server's {@link SampleClock}) + the output latency.
 *
 * <p>With other peers the clock follows the session: from the first beat not yet sent to the
 * audio thread, the clock's segment is re-aimed so that one beat later it is where the session
 * says (a tempo change from a peer bends the clock over one beat, never jumps it). An error past
 * {@link #JUMP_MS} (joining a session, a peer moving the phase) takes the session's tempo at
 * once and the phase at the next bar line, the closest one: that bar is longer or shorter, the
 * beat count keeps its phase within the quantum. Alone, it is the other way round: the clock is the session, and the
 * session's timeline is moved to the clock when they differ. Lang thread (a Lang loop ticker).
 */
final class LinkFollower implements Runnable {
    static final double JUMP_MS = 30;
    /** Smaller errors are left alone: below what a listener or a 1 ms agreement could notice. */
    private static final double TOLERANCE_MS = 0.1;
    /** A request is in the published state within this, or it was lost: follow the session again. */
    private static final long PENDING_NANOS = 1_000_000_000L;

    private final Clock clock;
    private final Server server;
    private final ClockTick tick; // the sample clock against host time, read once a step
    private final LinkNode node;
    private final double rate;
    private final Consumer<String> say;
    private final Consumer<String> tell; // news, not errors
    private boolean transportShared; // link.startStop(true) on this side
    private double latencyFrames;
    private double shift;
    private boolean aligned;
    private long requested;
    private long requestedAt;

    LinkFollower(Clock clock, Server server, LinkNode node, Consumer<String> say, Consumer<String> tell) {
        this.say = say;
        this.tell = tell;
        this.clock = clock;
        this.server = server;
        this.tick = new ClockTick(server.engine().sampleClock());
        this.node = node;
        this.rate = server.sampleRate();
    }

    void outputLatencyFrames(int frames) {
        latencyFrames = frames;
    }

    /** Sonora's beat at the session's {@code sessionBeat} (they differ by whole quanta). */
    double sonoraBeat(double sessionBeat) {
        return sessionBeat - shift;
    }

    // ---- requests: the node carries them out on its thread; until then the follower waits ----

    void requestTempo(double bpm, double hostMicros) {
        pending();
        node.requestTempo(bpm, hostMicros);
    }

    /** Stamped with when the horizon's sample is heard: Sonora's loops can change no sooner. */
    void requestStartStop(boolean playing) {
        pending();
        if (clock.running() && tick.read()) node.requestStartStop(playing, hostOf(clock.horizonSample()));
        else node.requestStartStop(playing);
    }

    void requestStartStopSync(boolean on) {
        pending();
        node.requestStartStopSync(on);
        transportShared = on;
        if (!on) releaseTransport();
    }

    /** Start/stop is no longer shared (or Link is off): loops held by a stopped transport play from the next bar. */
    void releaseTransport() {
        if (!clock.transportStopped() || !clock.running()) return;
        clock.startTransport(nextBar(clock.beatAtSample(clock.horizonSample())));
        tell.accept("link: start/stop no longer shared: loops and patterns play again from the next bar");
    }

    private double nextBar(double beat) {
        double q = clock.quantum();
        return Math.ceil(beat / q - 1e-9) * q + 0.0;
    }

    private void pending() {
        requested++;
        requestedAt = System.nanoTime();
    }

    private boolean waiting(LinkState st) {
        return st.applied() < requested && System.nanoTime() - requestedAt < PENDING_NANOS;
    }

    /** A script set the tempo at {@code beat}: the session changes there too (within Link's range, said in one line). */
    void tempoSet(double beat, double bpm) {
        if (bpm < Timeline.MIN_BPM || bpm > Timeline.MAX_BPM) {
            say.accept(String.format(Locale.ROOT, "link: Link's tempos are %.0f to %.0f bpm; the session plays at %.0f", Timeline.MIN_BPM,
                    Timeline.MAX_BPM, Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm))));
        }
        if (!clock.running() || !tick.read()) return;
        requestTempo(bpm, hostOf(clock.sampleAtBeat(beat)));
    }

    @Override
    public void run() {
        LinkState st = node.state();
        if (!clock.running() || waiting(st) || !tick.read()) return;
        double b0 = clock.beatAtSample(clock.horizonSample());
        if (st.peers() == 0) lead(st, b0);
        else follow(st, b0);
        transport(st, clock.beatAtSample(clock.horizonSample()));
    }

    /**
     * The shared transport moves loops and patterns: a stop holds them from the moment it was
     * stamped (or the horizon, if that passed: what was sent plays); a start lets them play from the
     * first bar line at or after its moment that has not been sent yet, where Link's apps start
     * too. Until some peer shares a start/stop (a session that never had one), Sonora plays.
     */
    private void transport(LinkState st, double horizonBeat) {
        StartStop ss = st.startStop();
        boolean playing = !transportShared || ss.timestamp() == 0 || ss.playing();
        if (playing != clock.transportStopped()) return;
        double at = ss.timestamp() == 0 ? horizonBeat : clock.beatAtSample(sampleOf(st.xform().ghostToHost(ss.timestamp())));
        double from = Math.max(at, horizonBeat);
        if (playing) {
            double bar = nextBar(from);
            clock.startTransport(bar);
            tell.accept(String.format(Locale.ROOT, "link: the session started: loops and patterns play from beat %s, the next bar", plain(bar)));
        } else {
            clock.stopTransport(from);
            tell.accept("link: the session stopped: loops and patterns wait for its start (at()s and what was sent still play)");
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** Host time (µs) at which {@code sample} leaves the speakers. */
    double hostOf(double sample) {
        return (tick.nanos() + (sample - tick.sample()) * 1e9 / rate) / 1e3 + latencyFrames * 1e6 / rate;
    }

    /** The sample that leaves the speakers at host time {@code micros}. */
    private double sampleOf(double micros) {
        return tick.sample() + ((micros - latencyFrames * 1e6 / rate) * 1e3 - tick.nanos()) * rate / 1e9;
    }

    /** Where the session puts Sonora's {@code beat}, as a sample. */
    private double target(LinkState st, double beat, double withShift) {
        return sampleOf(st.hostAtBeat(beat + withShift));
    }

    /** Alone: the session follows the clock (tempo, and beat at the next unsent beat). */
    private void lead(LinkState st, double b0) {
        double own = clock.bpmAt(b0);
        double bpm = Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, own));
        if (bpm != own) clock.follow(b0, clock.sampleAtBeat(b0), rate * 60 / bpm, bpm); // a tempo Link cannot share is clamped here too
        double host = hostOf(clock.sampleAtBeat(b0));
        double errorMs = (st.beatAtHost(host) - (b0 + shift)) * 60_000 / st.bpm();
        if (Math.abs(errorMs) <= TOLERANCE_MS && Timeline.microsPerBeat(bpm) == st.timeline().microsPerBeat()) return;
        pending();
        node.requestPin(st.sessionId(), bpm, host, b0 + shift);
        aligned = true;
    }

    /** With peers: the clock follows the session. */
    private void follow(LinkState st, double b0) {
        if (!aligned) {
            alignAtNextBar(st, b0);
            return;
        }
        double s0 = clock.sampleAtBeat(b0);
        double errorMs = (target(st, b0, shift) - s0) * 1000 / rate;
        if (Math.abs(errorMs) > JUMP_MS) {
            alignAtNextBar(st, b0);
            return;
        }
        double t1 = target(st, b0 + 1, shift);
        if (Math.abs(t1 - clock.sampleAtBeat(b0 + 1)) * 1000 / rate <= TOLERANCE_MS) return;
        clock.follow(b0, s0, t1 - s0, st.bpm()); // one beat from now the clock is where the session is
    }

    /**
     * The next bar line not yet sent (at the clock's start, beat 0 itself) falls where the
     * session has the same phase: the closest such point, or the one after if the closest is
     * already past the horizon (so that bar is at most half a quantum shorter, or longer).
     */
    private void alignAtNextBar(LinkState st, double b0) {
        double s0 = clock.sampleAtBeat(b0);
        clock.follow(b0, s0, target(st, b0 + 1, shift) - target(st, b0, shift), st.bpm()); // the session's tempo at once, no jump
        double q = clock.quantum();
        double bar = Math.ceil(b0 / q) * q; // b0 itself only when exactly on it: a beat at the horizon is not sent yet
        double sessionBeat = st.beatAtHost(hostOf(clock.sampleAtBeat(bar)));
        double s = Math.rint((sessionBeat - bar) / q) * q;
        if (target(st, bar, s) < clock.horizonSample()) s += q;
        double at = target(st, bar, s);
        clock.follow(bar, at, target(st, bar + 1, s) - at, st.bpm());
        shift = s;
        aligned = true;
    }
}
