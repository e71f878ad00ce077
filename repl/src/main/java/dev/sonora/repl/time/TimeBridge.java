package dev.sonora.repl.time;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.pattern.Pattern;
import dev.sonora.server.Server;

/**
 * The time API's door to Java (the prelude module {@code time.mjs} gets it): the prelude
 * validates arguments and words the errors, this class drives the {@link Clock}. Lang thread
 * only (the JS context calls it).
 */
public final class TimeBridge {
    private final Clock clock;
    private final Server server;
    private final Output output;

    /**
     * {@code bridge}: the prelude's bridge, whose node commands the clock timestamps; given here,
     * not by the module, because Java sides (MIDI clock out, ndef's quant) use the clock before a
     * script has touched the time API.
     */
    public TimeBridge(Server server, LangLoop lang, Output output, Bridge bridge) {
        this.clock = new Clock(server, lang, output);
        this.server = server;
        this.output = output;
        clock.attach(bridge);
    }

    /** The clock, for the Java sides that steer it (Link); not reachable from scripts. Lang thread. */
    public Clock clock() {
        return clock;
    }

    /**
     * The sample a change quantised to {@code quant} beats starts on: the next multiple of
     * {@code quant} beats from now (the running event's beat inside a loop or {@code at}); for
     * quant 0 the running event's own sample, or {@code Command.NOW} (the next block) outside
     * events. For other Java sides (ndef); not reachable from scripts. Lang thread.
     */
    public long boundary(double quant, long eventTime) {
        if (!(quant > 0)) return eventTime;
        return clock.sampleOf(Clock.nextGrid(clock.now(), quant));
    }

    /**
     * The beat and tempo sounding at the server's current sample into {@code out} ([beat, bpm]),
     * or false while no script has used the clock (the status line; not for scripts). Lang thread.
     */
    public boolean heard(double[] out) {
        return clock.heardAt(server.sampleTime(), out);
    }

    @HostAccess.Export
    public double tempo() {
        return clock.tempo();
    }

    @HostAccess.Export
    public void setTempo(double bpm) {
        clock.tempo(bpm);
    }

    @HostAccess.Export
    public double latency() {
        return clock.latency();
    }

    @HostAccess.Export
    public void setLatency(double seconds) {
        clock.latency(seconds);
    }

    @HostAccess.Export
    public double now() {
        return clock.now();
    }

    @HostAccess.Export
    public void at(double beats, Value fn) {
        clock.at(beats, fn);
    }

    @HostAccess.Export
    public void loop(String name, double beats, Value fn, boolean generator) {
        clock.loop(name, beats, fn, generator);
    }

    @HostAccess.Export
    public boolean stop(String name) {
        if (clock.stop(name)) return true;
        // a typo (stop('drmus')) left the loop playing with nothing said but a false
        List<String> playing = new ArrayList<>(clock.loopNames());
        playing.addAll(clock.patternNames());
        output.out("stop: nothing called '" + name + "' plays" + (playing.isEmpty() ? "" : " (playing: " + String.join(", ", playing) + ")"));
        return false;
    }

    @HostAccess.Export
    public void stopAll() {
        clock.stopAll();
    }

    @HostAccess.Export
    public void hush() {
        clock.hush();
    }

    /** The running loops' names. */
    @HostAccess.Export
    public ProxyArray loops() {
        return JsValues.list(clock.loopNames());
    }

    /** {events, late, worstLateMs, minLeadMs, startLeadMs}: see {@link Clock#timing}. */
    @HostAccess.Export
    public ProxyObject timing() {
        Clock.Timing t = clock.timing();
        return JsValues.object("events", t.events(), "late", t.late(), "worstLateMs", t.worstLateMs(), "minLeadMs", t.minLeadMs(),
                "startLeadMs", t.startLeadMs());
    }

    /** A live session's start: events go {@code seconds} further ahead until the Lang thread keeps up ({@link Clock#startLead}). */
    public void startLead(double seconds) {
        clock.startLead(seconds);
    }

    /** A live session: the extra lead grows again after a stall of the Lang thread ({@link Clock#followStalls}). */
    public void followStalls(boolean on) {
        clock.followStalls(on);
    }

    /** A live session: a loop whose steps take long runs each step ahead by twice that ({@link Clock#runHeavyAhead}). */
    public void runHeavyAhead(boolean on) {
        clock.runHeavyAhead(on);
    }

    // ---- patterns ----

    /** The prelude's function that plays one pattern event: {@code fn(name, value, beats)}. */
    @HostAccess.Export
    public void patPlayer(Value fn) {
        clock.patternPlayFunction(fn);
    }

    @HostAccess.Export
    public void pat(String name, Pattern pattern, String where) {
        clock.pat(name, pattern, where);
    }

    @HostAccess.Export
    public ProxyArray pats() {
        return JsValues.list(clock.patternNames());
    }

    @HostAccess.Export
    public double cycle() {
        return clock.cycleBeats();
    }

    @HostAccess.Export
    public void setCycle(double beats) {
        clock.cycleBeats(beats);
    }

    /** The pattern time (cycles) now: the running event's, else the earliest reachable. */
    @HostAccess.Export
    public double cycleNow() {
        return clock.cycleAt(clock.now());
    }
}
