package dev.sonora.repl.ndef;

import static dev.sonora.repl.lang.Bridge.onServer;
import static dev.sonora.repl.lang.Bridge.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.GraphBridge;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.DefException;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;

/**
 * Crossfading proxies (issue 16), the Java side of {@code ndef.mjs}. A proxy is a group inside
 * one kept group (it survives a panic, so {@code hush()} can fade it), a private stereo audio
 * bus, source synths that write that bus, and a monitor synth at the group's tail that copies
 * the bus to the main output. Every source and monitor ends in the {@code _xfade} unit, driven
 * by the control {@value #FADE}: the value it starts with is its fade-in in seconds, a negative
 * value sent later fades it out over that many seconds and then the synth ends itself. A source
 * also counts its fade-outs in {@value #OUTS}: each change fades out every older source still
 * sounding (not only the last one), so that their powers and the new one's keep summing to the
 * level however fast the changes come ({@code XFade}).
 *
 * <p>A change (a new graph, {@code xset}) starts the new source and sets the older ones' fade-outs
 * in commands with the same sample time: the proxy's quant boundary from the clock, the
 * running event's sample inside a loop or {@code at}, or the next block (both commands then go
 * out together, and the audio thread performs them at the top of the same block). Proxies that
 * read others are kept after them: after every change of who reads whom the proxies' groups are
 * moved into an order where every reader follows what it reads; a cycle is refused. Lang thread
 * only (the JS context calls it).
 */
public final class NdefBridge {
    /** The fade control every source and monitor has (a {@code t_} control jumps at its sample). */
    static final String FADE = "t_ndef_fade";
    /** The count of fade-outs a source has been given: one more starts another. */
    static final String OUTS = "t_ndef_outs";
    static final double DEFAULT_FADE_TIME = 0.5;

    private final Server server;
    private boolean hushWaits; // a hush the full command queue refused: hushWhenThereIsRoom
    private final TimeBridge time;
    private Bridge bridge;
    private NodeRef top; // the kept group every proxy group lives in, made at first use
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();
    private final List<Proxy> order = new ArrayList<>(); // the proxies' groups in top, as sent
    private final List<long[]> retiredBuses = new ArrayList<>(); // {bus, sample from which nothing writes it}
    private long hushFadesUntil = Long.MIN_VALUE; // a hush while the last one still fades ends at once
    private final Map<Integer, SynthDef> monitorDefs = new HashMap<>(); // by bus

    /** One named proxy. */
    static final class Proxy {
        final String name;
        final int bus;
        double fadeTime = DEFAULT_FADE_TIME;
        double quant;
        final Map<String, Float> controls = new LinkedHashMap<>();
        List<Proxy> reads = List.of();
        SynthDef def;
        NodeRef group;
        /** At the head of the group: the sources, each new one at its tail (it runs after the ones it replaces). */
        NodeRef sources;
        NodeRef source;
        /** Sources replaced and still fading out, each with the fade-outs it was given. */
        final List<Fading> fading = new ArrayList<>();
        NodeRef monitor;
        boolean monitored = true; // play()/stop(): whether the bus should be heard
        long lastChange = Command.NOW;

        Proxy(String name, int bus) {
            this.name = name;
            this.bus = bus;
        }
    }

    /** A replaced source and how many fade-outs it has been sent (its {@value #OUTS}). */
    static final class Fading {
        final NodeRef node;
        int outs;
        long endsAt = Long.MAX_VALUE; // the sample its first fade-out reaches 0: it ends itself there

        Fading(NodeRef node) {
            this.node = node;
        }
    }

    public NdefBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        lang.addTicker(this::hushWhenThereIsRoom);
        Object t = host.extension("time");
        if (!(t instanceof TimeBridge tb)) throw new IllegalStateException("ndef needs the time extension loaded before it");
        this.time = tb;
    }

    /** Hands over the prelude's bridge: the running clock event's time comes from it. */
    @HostAccess.Export
    public void attach(Object b) {
        if (!(b instanceof Bridge br)) throw new IllegalArgumentException("ndef: not the prelude's bridge");
        this.bridge = br;
    }

    // ---- the registry ----

    /** Makes the proxy {@code name} on {@code bus} (two channels) if there is none; true if made. */
    @HostAccess.Export
    public boolean create(String name, int bus) {
        if (proxies.containsKey(name)) return false;
        proxies.put(name, new Proxy(name, bus));
        return true;
    }

    @HostAccess.Export
    public boolean exists(String name) {
        return proxies.containsKey(name);
    }

    @HostAccess.Export
    public int bus(String name) {
        return proxy(name).bus;
    }

    @HostAccess.Export
    public double fadeTime(String name) {
        return proxy(name).fadeTime;
    }

    @HostAccess.Export
    public void setFadeTime(String name, double seconds) {
        proxy(name).fadeTime = seconds;
    }

    @HostAccess.Export
    public double quant(String name) {
        return proxy(name).quant;
    }

    @HostAccess.Export
    public void setQuant(String name, double beats) {
        proxy(name).quant = beats;
    }

    /** Whether it has a source sounding (defined, not freed) and is heard (not stopped). */
    @HostAccess.Export
    public boolean playing(String name) {
        Proxy p = proxy(name);
        return p.source != null && p.monitored;
    }

    /** [{name, playing, fadeTime, quant}], in the order the proxies were made. */
    @HostAccess.Export
    public ProxyArray list() {
        List<Object> out = new ArrayList<>();
        for (Proxy p : proxies.values()) {
            out.add(JsValues.object("name", p.name, "playing", p.source != null && p.monitored, "fadeTime", p.fadeTime,
                    "quant", p.quant));
        }
        return JsValues.list(out);
    }

    /** Its controls as set, {name: value}. */
    @HostAccess.Export
    public ProxyObject controls(String name) {
        Object[] kv = new Object[proxy(name).controls.size() * 2];
        int i = 0;
        for (var e : proxy(name).controls.entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = (double) e.getValue();
        }
        return JsValues.object(kv);
    }

    private Proxy proxy(String name) {
        Proxy p = proxies.get(name);
        if (p == null) throw new IllegalArgumentException("ndef '" + name + "' does not exist (it was freed, or hush() ended it)");
        return p;
    }

    // ---- changes ----

    /**
     * Gives proxy {@code name} the graph being built ({@code result}: its signal), reading the
     * proxies named in {@code reads}; crossfades from the old graph at the proxy's boundary.
     * An identical graph reading the same proxies changes nothing (a watched file saved again
     * crossfades only what changed). Returns whether it changed. Nothing is sent when the graph
     * or the reads are refused: the old source plays on.
     */
    @HostAccess.Export
    public boolean define(String name, GraphBridge graph, Object result, Value reads) {
        Proxy p = proxy(name);
        List<Proxy> readList = new ArrayList<>();
        for (int i = 0; reads != null && i < reads.getArraySize(); i++) {
            Proxy r = proxy(reads.getArrayElement(i).asString());
            if (!readList.contains(r)) readList.add(r);
        }
        String cycle = cycleThrough(p, readList);
        if (cycle != null) throw new IllegalArgumentException("ndef '" + name + "': a cycle of proxies is refused (" + cycle + ")");
        if (result == null) {
            throw new DefException("ndef '" + name + "': return the signal (a proxy writes its own bus; .out is not for ndef)");
        }
        SynthDef def = sourceDef(graph, "ndef '" + name + "'", result, p.bus);
        if (p.def != null && p.def.sameGraph(def) && p.reads.equals(readList) && p.source != null) return false;
        long t = time.boundary(p.quant, eventTime());
        boolean orderChanges = p.group == null || !p.reads.equals(readList);
        ensureGroup(p, t);
        p.reads = List.copyOf(readList);
        if (orderChanges) reorder(t);
        p.def = def;
        crossfade(p, t);
        return true;
    }

    /** Sets controls now (the running event's sample inside a loop); they are kept for the proxy's next graphs. */
    @HostAccess.Export
    public void set(String name, Value names, Value values) {
        Proxy p = proxy(name);
        store(p, names, values);
        if (p.source == null || !p.source.playing()) return;
        List<String> ns = new ArrayList<>();
        List<Float> vs = new ArrayList<>();
        for (var e : p.controls.entrySet()) {
            if (p.def.controlIndex(e.getKey()) >= 0) {
                ns.add(e.getKey());
                vs.add(e.getValue());
            }
        }
        if (ns.isEmpty()) return;
        float[] v = new float[vs.size()];
        for (int i = 0; i < v.length; i++) v[i] = vs.get(i);
        // a source that starts at a boundary still ahead takes it from its start
        long t = p.lastChange > server.sampleTime() ? Math.max(eventTime(), p.lastChange) : eventTime();
        run(() -> server.set(p.source, ns.toArray(new String[0]), v, t));
    }

    /** Keeps the controls and crossfades to a copy of the graph with them, at the proxy's boundary. */
    @HostAccess.Export
    public void xset(String name, Value names, Value values) {
        Proxy p = proxy(name);
        store(p, names, values);
        if (p.def == null || p.group == null) return;
        crossfade(p, time.boundary(p.quant, eventTime()));
    }

    /** Fades the monitor out over {@code seconds}: the proxy goes on running, silent. */
    @HostAccess.Export
    public void stop(String name, double seconds) {
        Proxy p = proxy(name);
        p.monitored = false;
        if (p.monitor != null) fadeOut(p.monitor, seconds, eventTime());
        p.monitor = null;
    }

    /** Fades the monitor back in over the fade time. */
    @HostAccess.Export
    public void play(String name) {
        Proxy p = proxy(name);
        p.monitored = true;
        if (p.monitor == null && p.group != null) startMonitor(p, eventTime(), p.fadeTime);
    }

    /** Fades source and monitor out over {@code seconds}, then ends the proxy (its group); the name is free again. */
    @HostAccess.Export
    public void free(String name, double seconds) {
        Proxy p = proxy(name);
        end(p, seconds, eventTime());
        proxies.remove(name);
        order.remove(p);
    }

    /**
     * The proxies' part of {@code hush()}: each fades out over its fade time and ends; a
     * second hush while those fades last ends them at once. Called after the bridge's own hush
     * (which spares the proxies' kept group).
     */
    @HostAccess.Export
    public void hush() {
        if (top == null) return;
        if (server.commandQueueFull()) {
            // a flood filled the queue: the proxies end, at once rather than faded, when the audio thread makes room
            hushWaits = true;
            return;
        }
        try {
            hushNow();
        } catch (RuntimeException e) { // the server's refusal, as the bridge words it
            if (!server.commandQueueFull()) throw e;
            hushWaits = true; // filled up halfway: the rest ends at once when there is room
        }
    }

    /** A hush the full command queue refused, sent at the first tick with room. Lang thread (a ticker). */
    private void hushWhenThereIsRoom() {
        if (!hushWaits || server.commandQueueFull()) return;
        hushWaits = false;
        hushFadesUntil = server.sampleTime() + 1; // a second hush: at once
        try {
            hushNow();
        } catch (RuntimeException e) {
            hushWaits = server.commandQueueFull(); // full again: the next tick tries again
        }
    }

    private void hushNow() {
        long now = server.sampleTime();
        long at = eventTime();
        if (now < hushFadesUntil || proxies.isEmpty()) {
            run(() -> server.freeAll(top, at));
            hushFadesUntil = Long.MIN_VALUE;
            long silent = (at == Command.NOW ? now : at) + 2L * server.blockSize();
            for (Proxy p : proxies.values()) retiredBuses.add(new long[] {p.bus, silent});
        } else {
            long until = now;
            for (Proxy p : proxies.values()) {
                long t = at == Command.NOW ? now : at; // a change waiting for its boundary does not delay a panic
                end(p, p.fadeTime, t);
                until = Math.max(until, t + samples(p.fadeTime) + server.blockSize());
            }
            hushFadesUntil = until;
        }
        proxies.clear();
        order.clear();
    }

    // ---- how ----

    private void store(Proxy p, Value names, Value values) {
        for (int i = 0; names != null && i < names.getArraySize(); i++) {
            String n = names.getArrayElement(i).asString();
            if (n.equals(FADE) || n.equals(OUTS)) throw new IllegalArgumentException("ndef '" + p.name + "': " + n + " is the proxy's own control");
            p.controls.put(n, (float) values.getArrayElement(i).asDouble());
        }
    }

    /**
     * The new source after the old ones and the old one's fade-out, both at {@code t}. The new one
     * runs last so that its {@code _xfadeout} finds the others on the bus: it corrects the sum's
     * level and, for a copy come in nearly opposite, turns its own polarity over while it is
     * still quiet (XFadeOut).
     */
    private void crossfade(Proxy p, long t) {
        NodeRef old = p.source;
        List<String> ns = new ArrayList<>();
        List<Float> vs = new ArrayList<>();
        for (var e : p.controls.entrySet()) {
            if (p.def.controlIndex(e.getKey()) >= 0) {
                ns.add(e.getKey());
                vs.add(e.getValue());
            }
        }
        ns.add(FADE);
        vs.add((float) p.fadeTime);
        float[] v = new float[vs.size()];
        for (int i = 0; i < v.length; i++) v[i] = vs.get(i);
        SynthDef def = p.def;
        p.source = onServer(() -> server.synth(def, ns.toArray(new String[0]), v, AddAction.TAIL, p.sources, t));
        if (old != null) p.fading.add(new Fading(old));
        fadeOutSources(p, p.fadeTime, t);
        if (p.monitored && p.monitor == null) startMonitor(p, t, 0);
        p.lastChange = t;
    }

    /** One more fade-out for every replaced source still sounding; those that ended are forgotten. */
    private void fadeOutSources(Proxy p, double seconds, long t) {
        long at = t == Command.NOW ? server.sampleTime() + server.blockSize() : t;
        // one that ends before (or about when) this fade-out would begin needs none: a set it
        // missed would come back as an error line
        p.fading.removeIf(f -> !f.node.playing() || at + 2L * server.blockSize() >= f.endsAt);
        float fade = -(float) Math.max(seconds, 1e-6);
        for (Fading f : p.fading) {
            try {
                f.outs++;
                server.setIfPlaying(f.node, new String[] {FADE, OUTS}, new float[] {fade, f.outs}, t);
                f.endsAt = Math.min(f.endsAt, at + Math.max(1, samples(-fade)));
            } catch (ServerException e) {
                // ended meanwhile: nothing to fade
            }
        }
    }

    /** Sets a monitor's fade-out; a node that has ended already needs none. */
    private void fadeOut(NodeRef n, double seconds, long t) {
        if (!n.playing()) return;
        try {
            server.setIfPlaying(n, new String[] {FADE}, new float[] {-(float) Math.max(seconds, 1e-6)}, t);
        } catch (ServerException e) {
            // ended meanwhile: nothing to fade
        }
    }

    /**
     * Fades the proxy out from {@code t} and ends its group; its bus goes back for reuse once nothing
     * writes it. A change still waiting for its boundary (a quantised {@code xset} or new source)
     * does not hold the fade back: the group then lives until that boundary, so that what was sent
     * for it finds its nodes, and ends there as the change's new source starts, unheard (the
     * monitor has faded out; a command sent earlier for the same sample runs first).
     */
    private void end(Proxy p, double seconds, long t) {
        if (p.source != null) p.fading.add(new Fading(p.source));
        fadeOutSources(p, seconds, t);
        p.fading.clear(); // the group's end ends them all
        if (p.monitor != null) fadeOut(p.monitor, seconds, t);
        long base = t == Command.NOW ? server.sampleTime() + server.blockSize() : t;
        long ends = Math.max(base + samples(seconds) + server.blockSize(), p.lastChange);
        if (p.group != null) {
            NodeRef g = p.group;
            run(() -> server.free(g, ends));
        }
        retiredBuses.add(new long[] {p.bus, ends + server.blockSize()});
        p.source = null;
        p.monitor = null;
        p.group = null;
        p.sources = null;
    }

    /**
     * A stereo bus a freed proxy used, now silent (its group has ended), for a new proxy; -1 when
     * there is none yet. Without this every free and hush would leave two audio buses taken
     * for the rest of the set. Lang thread.
     */
    @HostAccess.Export
    public int reusableBus() {
        long now = server.sampleTime();
        for (int i = 0; i < retiredBuses.size(); i++) {
            long[] r = retiredBuses.get(i);
            if (now >= r[1]) {
                retiredBuses.remove(i);
                return (int) r[0];
            }
        }
        return -1;
    }

    private long samples(double seconds) {
        return Math.round(Math.max(0, seconds) * server.sampleRate());
    }

    private void startMonitor(Proxy p, long t, double fadeIn) {
        SynthDef m = monitorDef(p.bus);
        NodeRef g = p.group;
        p.monitor = onServer(() -> server.synth(m, new String[] {FADE}, new float[] {(float) fadeIn}, AddAction.TAIL, g, t));
    }

    /** in(bus, 2 channels) through the fade unit to the main output. */
    private SynthDef monitorDef(int bus) {
        SynthDef known = monitorDefs.get(bus);
        if (known != null) return known;
        GraphBuilder b = new GraphBuilder(server.units());
        Signal gain = b.unit("_xfade", b.control(FADE, 0));
        Signal l = b.unit("mul", b.unit("in", b.constant(bus)), gain);
        Signal r = b.unit("mul", b.unit("in", b.constant(bus + 1)), gain);
        b.unit("out", b.constant(0), l, r);
        SynthDef m = b.build("ndef-monitor", null);
        monitorDefs.put(bus, m);
        return m;
    }

    /** The user's graph, scaled by the fade unit, written to the proxy's bus (mono to both channels). */
    private SynthDef sourceDef(GraphBridge graph, String what, Object result, int bus) {
        GraphBuilder b = graph.builder();
        Signal s = GraphBridge.signalOf(result, what);
        if (s.channels() < 1) throw new DefException(what + ": the graph makes no sound");
        if (s.channels() > 2) throw new DefException(what + ": a proxy is mono or stereo; this graph has " + s.channels() + " channels");
        Signal gain = b.unit("_xfade", b.control(FADE, DEFAULT_FADE_TIME), b.control(OUTS, 0));
        Signal l = s.channel(0);
        Signal r = s.channels() == 1 ? l : s.channel(1);
        b.unit("_xfadeout", b.constant(bus), gain, l, r); // gain × signal into the bus, level kept for correlated fades
        return b.build(what, null);
    }

    private void ensureGroup(Proxy p, long t) {
        if (top == null) top = onServer(() -> server.keptGroup(AddAction.HEAD, server.rootGroup(), Command.NOW));
        if (p.group == null) {
            p.group = onServer(() -> server.group(AddAction.TAIL, top, t));
            NodeRef g = p.group;
            p.sources = onServer(() -> server.group(AddAction.HEAD, g, t));
            order.add(p);
        }
    }

    /** A path back to {@code p} through what {@code reads} read, as "a -> b -> a", or null. */
    private static String cycleThrough(Proxy p, List<Proxy> reads) {
        for (Proxy r : reads) {
            List<Proxy> path = new ArrayList<>();
            if (reaches(r, p, path, new ArrayList<>())) {
                StringBuilder s = new StringBuilder("'" + p.name + "' reads ");
                for (Proxy q : path) s.append("'").append(q.name).append("', which reads ");
                return s.append("'").append(p.name).append("'").toString();
            }
        }
        return null;
    }

    private static boolean reaches(Proxy from, Proxy target, List<Proxy> path, List<Proxy> seen) {
        if (from == target) return true;
        if (seen.contains(from)) return false;
        seen.add(from);
        path.add(from);
        for (Proxy r : from.reads) if (reaches(r, target, path, seen)) return true;
        path.remove(path.size() - 1);
        return false;
    }

    /**
     * Puts the proxies' groups in an order where each comes after every proxy it reads (a
     * depth-first order, otherwise the order they were made in) and moves the groups that are
     * out of place, at {@code t}.
     */
    private void reorder(long t) {
        List<Proxy> want = new ArrayList<>();
        for (Proxy p : order) visit(p, want);
        if (want.equals(order)) return;
        for (Proxy p : want) {
            NodeRef g = p.group;
            run(() -> server.move(g, AddAction.TAIL, top, t));
        }
        order.clear();
        order.addAll(want);
    }

    private void visit(Proxy p, List<Proxy> out) {
        if (out.contains(p) || p.group == null) return;
        for (Proxy r : p.reads) visit(r, out);
        if (!out.contains(p)) out.add(p);
    }

    private long eventTime() {
        return bridge == null ? Command.NOW : bridge.eventTime();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NdefBridge(%d proxies)", proxies.size());
    }
}
