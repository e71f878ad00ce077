package dev.sonora.repl.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.ErrorReport;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.StepWatch;
import dev.sonora.repl.pattern.Fraction;
import dev.sonora.repl.pattern.PatternTimeException;
import dev.sonora.repl.pattern.Pattern;
import dev.sonora.server.Server;

/**
 * The tempo clock: beats whose time base is the server's sample clock, a queue of events
 * (loop cycles, {@code at} callbacks) and the wake-up that runs them ahead of the audio.
 *
 * <p>On every {@link #tick} (the Lang loop calls it every few milliseconds live, and once per
 * block in an offline render) it runs, in beat order, every event whose sample lies before
 * {@code server.sampleTime() + latency} (live, the next in line a little sooner when its recent
 * runs took long: {@link #runHeavyAhead}). While an event runs, the bridge's event time is its
 * exact sample, so every node command it sends is performed by the audio thread at that
 * sample: Lang jitter, garbage collection and terminal work up to the latency never reach
 * the audio. Live input (REPL lines, MIDI handlers) runs outside events and goes out at once.
 *
 * <p>Beat 0 is where the clock starts: when the task (script, REPL line) that first used it
 * (any of {@code now}, {@code at}, {@code loop}, {@code tempo}) has finished, at the earliest
 * sample that can still be reached on time (the next block in an offline render, the next
 * block plus the latency live, plus the start lead in a session's first seconds: {@link
 * #startLead}). It runs at {@link #DEFAULT_BPM} until told otherwise: a set never has to call
 * {@code tempo()} for its loops to play. Lang thread only.
 */
public final class Clock {
    static final double DEFAULT_BPM = 120;
    static final double DEFAULT_LATENCY = 0.1;
    /** The most extra lead a stall of the Lang thread adds, in seconds (see followStalls): Sonic Pi's whole default lookahead. */
    static final double MAX_STALL_LEAD = 0.5;
    /** How long the lead a stall raised holds before it settles, in seconds of audio (see followStalls). */
    static final double STALL_HOLD = 30;
    /** Beats a float error may put a "now" past a grid line without starting a cycle late. */
    private static final double EPSILON = 1e-6;

    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final int sampleRate;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            Comparator.<Event>comparingDouble(e -> e.beat).thenComparingLong(e -> e.seq));
    private final Map<String, LiveLoop> loops = new LinkedHashMap<>();
    private final Map<String, PatternPlayer> players = new LinkedHashMap<>();
    private Value patternPlay; // the prelude's function that plays one pattern event
    // pattern time: cycle c is at beat cycleAnchorBeat + (c - cycleAnchor) * cycleBeats
    private double cycleBeats = 4;
    private Fraction cycleAnchor = Fraction.ZERO;
    private double cycleAnchorBeat;
    private Bridge bridge;
    private TempoMap map; // null until a script first uses the clock (map() starts it)
    private boolean starting; // beat 0's sample is settled at the first tick, after the task that started the clock
    private double latency = DEFAULT_LATENCY;
    // the extra lead: lookahead beyond the latency while a live session starts, and after a
    // stall of the Lang thread (see startLead, followStalls); samples
    private long startLeadSamples;
    private boolean followStalls;
    private boolean runHeavyAhead;
    private final RecentPeak stallAsks; // the most lead the stalls of the last STALL_HOLD seconds asked for
    private long lastTickSample = -1;
    private long ranBefore = Long.MIN_VALUE; // past the sample of every event run so far: a step run ahead may pass the horizon
    private long seq;
    private double eventBeat = Double.NaN; // the beat of the event running now, NaN outside events
    private double lastRunBeat = Double.NEGATIVE_INFINITY;
    private double taskBeat = Double.NaN; // now() of the task running (latched: logical time stands still within one task)
    private boolean closed;
    private TempoListener tempoListener;
    // a shared transport (Link's start/stop): stopped from this beat on, NaN while it plays
    private double stoppedFrom = Double.NaN;
    private final List<Event> waiting = new ArrayList<>(); // loops and patterns held by the stopped transport
    private final List<LongConsumer> transportStops = new ArrayList<>(); // told the sample a transport stop takes effect at
    // measurements (timing()) and the once-a-second late report
    private long events;
    private long lateEvents;
    private long worstLateSamples;
    private long minLeadSamples = Long.MAX_VALUE;
    private long lastLateReport = Long.MIN_VALUE;

    public Clock(Server server, LangLoop lang, Output output) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.sampleRate = server.sampleRate();
        this.stallAsks = new RecentPeak(Math.round(STALL_HOLD * sampleRate));
        lang.addTicker(this::tick);
        lang.holdIdleWorkWhile(() -> map != null && !queue.isEmpty()); // loops or at()s to play: no module loads in between
    }

    /** The prelude's bridge, whose event time this clock sets around each event. */
    void attach(Bridge b) {
        this.bridge = b;
    }

    // ---- time ----

    /** The earliest sample something new starts at (beat 0, a loop started now): what can still be reached on time. */
    private long earliest() {
        long next = server.sampleTime();
        return lang.virtualTime() ? next : next + lead();
    }

    /** Events before this sample are run now and sent ahead. */
    private long horizon() {
        return server.sampleTime() + Math.max(lead(), server.blockSize());
    }

    /** How far ahead events go live: the latency, plus the start lead while a session starts. */
    private long lead() {
        return latencySamples() + (lang.virtualTime() ? 0 : startLeadSamples);
    }

    /**
     * Sends events {@code seconds} further ahead than {@link #latency()} while a live session
     * starts, and brings that extra down to 0 as the Lang thread shows it keeps up: by 100 ms
     * per second of audio, counted only over ticks that came less than half the latency after
     * the one before. Why: in a set's first seconds the JVM has not compiled the JavaScript
     * interpreter's own code yet, so a loop body that later takes 15 ms takes 150–350 ms, and
     * with a 0.1 s lookahead every event due meanwhile is late (issue 12's soak: 17 late
     * events in a set's first 7 s). Sent further ahead, they play on time; what the extra
     * costs is that a loop started in those seconds begins up to that much later. Renders
     * (virtual time) never use it: the server waits for the Lang thread there.
     */
    void startLead(double seconds) {
        startLeadSamples = Math.round(Math.max(0, seconds) * sampleRate);
    }

    /**
     * Live sessions: after a stall of the Lang thread (two ticks half the latency or more
     * apart: a slow loop body, a garbage collection, a long line typed in) the extra lead grows
     * back to cover a stall twice as long, less the latency, at most {@link #MAX_STALL_LEAD}
     * seconds, and settles as the start lead does. Why: after warm-up the soak's late events
     * were single steps of other loops queued behind one slow step (a 100 000-object garbage
     * loop that usually takes 15–50 ms, now and then over 100 ms): stalls come in sizes, and a
     * near miss says a larger one is coming. The first stall longer than the latency is still
     * late and said; the ones like it after it are not. The most the stalls of the last
     * {@link #STALL_HOLD} seconds asked for holds ({@link RecentPeak}: 15–30 s; the start lead above it
     * still settles, and a burst at warm-up is forgotten): a heavy step that comes back
     * every bar or two (a garbage loop every beat, a chord change every 4 s) would otherwise find the
     * lead settled each time (the soak at period 256 on 2026-12-03: 7–29 late events per 10
     * minutes, each after a stall like the one before it). The cost is the start lead's: a loop
     * started while the extra is up begins up to that much later.
     */
    void followStalls(boolean on) {
        followStalls = on;
    }

    /**
     * Live sessions: the event first in the queue runs before its horizon by twice what its recent
     * runs took (at most {@link #MAX_STALL_LEAD}), so a loop whose steps compute for long has its
     * step done before the lighter steps due at the same beat need the thread. Why: the clock runs
     * same-beat steps in the order they were scheduled (the longer period first, so a bar-long
     * chord loop sets what a bass loop reads at the bar line), and after warm-up the soak's late
     * events were kit and blips steps queued at a beat behind a garbage step that took two or three
     * times its usual 50 ms (143–254 ms). Only the queue's head runs early, so the order of steps
     * is the same as without it, and their sounds carry their beats' samples, so what is heard
     * is the same; what moves is when the code runs: up to that much before the steps due just
     * ahead of it would have let it, never before them. A loop's new body typed in that time
     * waits one more step. Renders (virtual time) never use it.
     */
    void runHeavyAhead(boolean on) {
        runHeavyAhead = on;
    }

    /** How far before the horizon {@code e} may run: twice what its recent runs took, in samples (0 unless live and following). */
    private long ahead(Event e) {
        if (!runHeavyAhead || lang.virtualTime()) return 0;
        long twice = 2 * e.recentCostNanos() * sampleRate / 1_000_000_000L;
        return Math.min(twice, Math.round(MAX_STALL_LEAD * sampleRate));
    }

    /** The extra lookahead in force now (0 once the start is over and the Lang thread keeps up). */
    double startLead() {
        return (double) startLeadSamples / sampleRate;
    }

    /** Settles the extra lead by 100 ms per second of audio the Lang thread kept up with; raises it after a stall. */
    private void settleStartLead() {
        long now = server.sampleTime();
        if (lastTickSample >= 0) {
            long gap = now - lastTickSample;
            long latency = latencySamples();
            if (gap < latency / 2) {
                // settles, but not below what the stalls of the last STALL_HOLD seconds asked for
                startLeadSamples = Math.max(stallAsks.peak(now), startLeadSamples - gap / 10);
            } else if (followStalls && !lang.virtualTime() && !queue.isEmpty()) { // a stall with events waiting
                long asked = Math.min(Math.round(MAX_STALL_LEAD * sampleRate), 2 * gap - latency);
                stallAsks.offer(now, asked);
                startLeadSamples = Math.max(startLeadSamples, asked);
            }
        }
        lastTickSample = now;
    }

    private long latencySamples() {
        return Math.round(latency * sampleRate);
    }

    private TempoMap map() {
        if (map == null) {
            map = new TempoMap(sampleRate, earliest(), DEFAULT_BPM);
            starting = true;
        }
        return map;
    }

    /**
     * The current logical beat: the running event's, else the earliest reachable one (the same
     * throughout one Lang task: logical time does not move while a line runs). While
     * the task that started the clock still runs (a long script), it is 0: beat 0 is put at the
     * earliest reachable sample when that task ends, so a slow start makes nothing late.
     */
    double now() {
        if (!Double.isNaN(eventBeat)) return eventBeat;
        // every use of the clock starts it, not only tempo(): at() and loop() schedule from now(),
        // and an event queued while the clock has no map would never be reached by tick()
        map();
        if (starting) return 0;
        // latched until the next tick, so code like at(Math.ceil(now()) - now(), f) hits the beat it means
        if (Double.isNaN(taskBeat)) taskBeat = Math.max(map.beatAt(earliest()), lastRunBeat);
        return taskBeat;
    }

    double tempo() {
        return map().bpmAt(now());
    }

    /**
     * The beat and tempo at {@code sample} into {@code out} ([beat, bpm]); false, touching
     * nothing, while no script has used the clock (a display must not start it). Lang thread.
     */
    boolean heardAt(long sample, double[] out) {
        if (map == null || starting) return false;
        double beat = map.beatAt(sample);
        out[0] = beat;
        out[1] = map.bpmAt(beat);
        return true;
    }

    /** Changes the tempo from the current logical beat on, without a jump in beat position. */
    void tempo(double bpm) {
        double beat = now();
        map().tempo(beat, bpm);
        if (tempoListener != null) tempoListener.tempoSet(beat, bpm);
    }

    // ---- following an outside source of time (Link): the few public doors it needs ----

    /** Told when a script sets the tempo: from {@code beat} on it is {@code bpm}. Lang thread. */
    public interface TempoListener {
        void tempoSet(double beat, double bpm);
    }

    /** The one listener to scripts' tempo changes (null: none). */
    public void tempoListener(TempoListener l) {
        tempoListener = l;
    }

    /** Whether beat 0 has its sample: the clock is in use and its start is settled. */
    public boolean running() {
        return map != null && !starting;
    }

    /** The sample before which events have been run and sent to the audio thread: the map may change only after it. */
    public long horizonSample() {
        return Math.max(horizon(), ranBefore);
    }

    /** The beat at a sample time (fractional samples allowed). Only while {@link #running}. */
    public double beatAtSample(double sample) {
        return map.beatAt(sample);
    }

    /** The exact (unrounded) sample time of a beat. Only while {@link #running}. */
    public double sampleAtBeat(double beat) {
        return map.sampleAt(beat);
    }

    /** The tempo at {@code beat}; the default before the clock is first used (asking does not start it). */
    public double bpmAt(double beat) {
        return map == null ? DEFAULT_BPM : map.bpmAt(beat);
    }

    /** Beats per cycle: patterns' cycle, and the quantum Link aligns phase at. */
    public double quantum() {
        return cycleBeats;
    }

    /** The first cycle boundary (a bar, for patterns and loops) at or after {@code beat}. */
    public double cycleBoundaryFrom(double beat) {
        return cycleAnchorBeat + nextGrid(beat - cycleAnchorBeat, cycleBeats);
    }

    /**
     * From {@code beat} on, beats fall at {@code sample + (x - beat) × samplesPerBeat} (see
     * {@link TempoMap#follow}); {@code beat} must lie past {@link #horizonSample()}, where nothing has
     * been sent yet. Only while {@link #running}.
     */
    public void follow(double beat, double sample, double samplesPerBeat, double bpm) {
        map.follow(beat, sample, samplesPerBeat, bpm);
    }

    int sampleRate() {
        return sampleRate;
    }

    double latency() {
        return latency;
    }

    void latency(double seconds) {
        latency = seconds;
    }

    long sampleOf(double beat) {
        return map().sampleOf(beat);
    }

    /** The first multiple of {@code period} at or after {@code beat} (a float hair past a line counts as on it). */
    static double nextGrid(double beat, double period) {
        return tidy(Math.ceil(beat / period - EPSILON) * period + 0.0); // + 0.0: ceil(-tiny) is -0, and a loop's first beat printed as -0
    }

    /** The first multiple of {@code period} after {@code beat}. */
    static double gridAfter(double beat, double period) {
        return tidy((Math.floor(beat / period + EPSILON) + 1) * period);
    }

    /**
     * A beat as the performer wrote it: the simplest fraction within a float's rounding of it, as
     * a double. Sums and multiples of doubles drift (1/3 added six times is 1.9999999999999998, 0.1
     * three times 0.30000000000000004), and a body that tests {@code b % 1 === 0} would miss its
     * bar. Moves a beat by at most 1e-12 of itself, far below a sample.
     */
    static double tidy(double beat) {
        if (beat == Math.rint(beat) || !Double.isFinite(beat)) return beat;
        try {
            double t = Fraction.of(beat).toDouble();
            return Math.abs(t - beat) <= 1e-12 * Math.max(1, Math.abs(beat)) ? t : beat;
        } catch (PatternTimeException e) {
            return beat; // a fraction too big for longs: leave it as it is
        }
    }

    /** The sample time of the next block the audio thread will render. */
    long audioSampleTime() {
        return server.sampleTime();
    }

    // ---- scheduling ----

    void schedule(Event e) {
        e.seq = seq++;
        queue.add(e);
    }

    void at(double beats, Value fn) {
        schedule(new AtEvent(now() + beats, fn));
    }

    /** Starts a loop on the next multiple of its period, or gives a running one its next body. */
    void loop(String name, double period, Value fn, boolean generator) {
        LiveLoop.Body body = new LiveLoop.Body(fn, period, generator);
        LiveLoop l = loops.get(name);
        if (l != null) {
            l.replace(body);
            return;
        }
        l = new LiveLoop(name, body);
        l.beat = nextGrid(now(), period);
        loops.put(name, l);
        schedule(l);
    }

    /** Stops the loop or the pattern of that name; false if there is neither. */
    boolean stop(String name) {
        PatternPlayer p = players.remove(name);
        if (p != null) {
            p.stopped = true;
            queue.remove(p);
        }
        LiveLoop l = loops.remove(name);
        if (l == null) return p != null;
        l.stopped = true;
        queue.remove(l);
        return true;
    }

    void stopAll() {
        for (LiveLoop l : new ArrayList<>(loops.values())) stop(l.name);
        for (PatternPlayer p : new ArrayList<>(players.values())) stop(p.name);
    }

    // ---- patterns ----

    void patternPlayFunction(Value fn) {
        patternPlay = fn;
    }

    Value patternPlayFunction() {
        return patternPlay;
    }

    /** Beats per cycle (default 4: a cycle is a bar). */
    double cycleBeats() {
        return cycleBeats;
    }

    /** The beat at which pattern time {@code cycle} falls. */
    double beatOfCycle(Fraction cycle) {
        return cycleAnchorBeat + cycle.sub(cycleAnchor).toDouble() * cycleBeats;
    }

    /** The pattern time (cycles) at {@code beat}, as a double. */
    double cycleAt(double beat) {
        return cycleAnchor.toDouble() + (beat - cycleAnchorBeat) / cycleBeats;
    }

    /**
     * Changes the beats per cycle from now on: the cycle position at the current beat is kept,
     * and every playing pattern carries on from its next slice at the new length.
     */
    void cycleBeats(double beats) {
        double now = now();
        Fraction here = nextChunk(cycleAt(now), Fraction.ONE.div(PatternPlayer.CHUNK.den()));
        cycleAnchorBeat = beatOfCycle(here);
        cycleAnchor = here;
        cycleBeats = beats;
        for (PatternPlayer p : players.values()) {
            queue.remove(p);
            waiting.remove(p); // back in the queue: a stopped transport takes it again when it is due
            if (p.next.lt(here)) p.next = here;
            p.beat = PatternPlayer.wakeBeat(this, p.next);
            schedule(p);
        }
    }

    /** The first multiple of {@code chunk} at or after {@code cycle} (a float hair past counts as on it). */
    static Fraction chunkAtOrAfter(double cycle, Fraction chunk) {
        return nextChunk(cycle, chunk);
    }

    /** The first multiple of {@code chunk} at or after {@code cycle} (a float hair past counts as on it). */
    private static Fraction nextChunk(double cycle, Fraction chunk) {
        double k = Math.ceil(cycle / chunk.toDouble() - EPSILON);
        return chunk.mul((long) k);
    }

    /**
     * Plays {@code pattern} as {@code name}: a new name starts at the next slice of a cycle
     * (pattern time is global, so it is in phase with the others); a playing one takes the new
     * pattern at the next cycle boundary. The pattern is queried once here, for the cycle ahead,
     * so one that throws at once is refused at once.
     */
    void pat(String name, Pattern pattern, String where) {
        Fraction start = nextChunk(cycleAt(now()), PatternPlayer.CHUNK);
        try {
            pattern.onsets(start.sam(), start.sam().add(Fraction.ONE));
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException("pat '" + name + "': " + m, e);
        }
        PatternPlayer p = players.get(name);
        if (p != null) {
            p.replace(pattern, where);
            return;
        }
        p = new PatternPlayer(name, pattern, where, start);
        p.beat = PatternPlayer.wakeBeat(this, start);
        players.put(name, p);
        schedule(p);
    }

    List<String> patternNames() {
        return new ArrayList<>(players.keySet());
    }

    void forget(PatternPlayer p) {
        players.remove(p.name, p);
    }

    /** hush(): every loop and every pending {@code at}. */
    void hush() {
        stopAll();
        queue.clear();
        waiting.clear();
    }

    // ---- a shared transport (Link's start/stop) ----

    /** Whether loops and patterns wait for the transport to start. */
    public boolean transportStopped() {
        return !Double.isNaN(stoppedFrom);
    }

    /**
     * The transport stops at {@code beat} (the horizon if that is earlier: what was sent plays):
     * loops and patterns due from there wait for {@link #start}; {@code at}s run on. Only while
     * {@link #running}.
     */
    public void stopTransport(double beat) {
        if (transportStopped()) return;
        stoppedFrom = Math.max(beat, map.beatAt(horizonSample()));
        long sample = map.sampleOf(stoppedFrom);
        for (LongConsumer c : transportStops) c.accept(sample);
    }

    /** {@code c} is told the sample each transport stop takes effect at (MIDI out ends its held notes there). */
    public void onTransportStop(LongConsumer c) {
        transportStops.add(c);
    }

    /**
     * The transport starts at {@code beat} (a bar line past the horizon): each waiting loop takes
     * up at its next cycle from there, each pattern at its slice there.
     */
    public void startTransport(double beat) {
        if (!transportStopped()) return;
        stoppedFrom = Double.NaN;
        double start = Math.max(beat, map.beatAt(horizonSample()));
        for (Event e : waiting) {
            if (e instanceof LiveLoop l && l.stopped || e instanceof PatternPlayer p && p.stopped) continue;
            e.resumeAt(this, start);
            schedule(e);
        }
        waiting.clear();
    }

    List<String> loopNames() {
        return new ArrayList<>(loops.keySet());
    }

    void forget(LiveLoop l) {
        loops.remove(l.name, l);
    }

    // ---- running events ----

    /** Runs every event that falls before the horizon. Lang thread (the Lang loop's ticker). */
    public void tick() {
        if (map == null || closed) return;
        taskBeat = Double.NaN;
        if (starting) {
            starting = false;
            map.shift(earliest() - map.sampleAt(0));
        }
        settleStartLead();
        if (queue.isEmpty()) return;
        try {
            long horizon = horizon();
            while (!queue.isEmpty()) {
                Event e = queue.peek();
                long sample = map.sampleOf(e.beat);
                if (sample >= horizon + ahead(e)) break;
                queue.poll();
                if (e.waitsForTransport() && e.beat >= stoppedFrom) { // false while it plays (NaN)
                    waiting.add(e);
                    continue;
                }
                long next = server.sampleTime(); // re-read: a slow event lets the audio move on
                ranBefore = Math.max(ranBefore, sample + 1);
                lastRunBeat = Math.max(lastRunBeat, e.beat);
                events++;
                minLeadSamples = Math.min(minLeadSamples, sample - next);
                long started = System.nanoTime();
                e.fire(this, sample, next - sample);
                e.ran(System.nanoTime() - started);
                lang.heldWork(e.label(), started);
                // stopped by the step watch: the rest waits for the next tick, so the Lang loop can
                // take a typed line (a hush) in between
                if (StepWatch.firedOnThisThread()) break;
            }
        } catch (IllegalStateException e) {
            // the JS context was closed under us (exit): nothing left to play
            closed = true;
            queue.clear();
        }
    }

    /** Runs {@code body} as the event at {@code beat}: its node commands carry {@code time}. */
    <T> T call(double beat, long time, Supplier<T> body) {
        double outerBeat = eventBeat;
        long outerTime = bridge.eventTime();
        eventBeat = beat;
        bridge.eventTime(time);
        try {
            return body.get();
        } finally {
            eventBeat = outerBeat;
            bridge.eventTime(outerTime);
        }
    }

    void call(double beat, long time, Runnable body) {
        call(beat, time, () -> {
            body.run();
            return null;
        });
    }

    /** One line for an error in user code run by the clock: file:line: reason (context). */
    void report(PolyglotException e, String context) {
        output.err(ErrorReport.format(e) + " (" + context + ")");
    }

    void report(String line) {
        output.err(line);
    }

    /** Counts a late event and says so, at most once a second (of audio), with how late. */
    void reportLate(String what, long lateSamples, int skipped) {
        lateEvents++;
        worstLateSamples = Math.max(worstLateSamples, lateSamples);
        long now = server.sampleTime();
        if (lastLateReport != Long.MIN_VALUE && now - lastLateReport < sampleRate) return;
        lastLateReport = now;
        String skip = skipped == 0 ? "" : skipped == 1 ? ", skipped 1 cycle to catch up" : ", skipped " + skipped + " cycles to catch up";
        // the late one is often not the culprit: say what held the thread, when something did for half the
        // lateness or 100 ms (two stuck handlers in a row each hold it for half of a stall they cause together)
        long lateNanos = lateSamples * 1_000_000_000L / sampleRate;
        String held = lang.heldLately(Math.min(lateNanos / 2, 100_000_000L), what);
        output.err(String.format(Locale.ROOT, "%s was %.0f ms late%s%s: lighten it or raise latency() (now %s s)",
                what, lateSamples * 1000.0 / sampleRate, skip, held == null ? "" : " (" + held + ")", plain(latency)));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** What the clock has measured since it started: events run, late ones, and milliseconds to 3 decimals. */
    record Timing(long events, long late, double worstLateMs, double minLeadMs, double startLeadMs) {
    }

    Timing timing() {
        double minLead = minLeadSamples == Long.MAX_VALUE ? 0 : minLeadSamples * 1000.0 / sampleRate;
        return new Timing(events, lateEvents, millis3(worstLateSamples * 1000.0 / sampleRate), millis3(minLead),
                millis3(startLead() * 1000));
    }

    /** Rounded half-up to 3 decimals, as they print: a microsecond is as fine as these figures go. */
    private static double millis3(double ms) {
        return BigDecimal.valueOf(ms).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
