package dev.sonora.repl.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.observe.MeterTap;
import dev.sonora.server.observe.ScopeTap;
import dev.sonora.server.observe.Tap;
import dev.sonora.server.observe.TapSource;

/**
 * The Java side of {@code observe.mjs}: {@code meter} and {@code scope} put a tap on the
 * server's audio (the main output, an audio bus, or what a node adds to a bus pair) and a watch
 * here that the Lang loop's ticker polls after every task and every couple of milliseconds
 * (in a render, after every step: windows are counted in samples, so a render's readings are
 * the same every time). A watch on a node stops with one line when the node ends. Lang thread
 * only (the JS context and the ticker call it).
 */
public final class ObserveBridge {
    /** The most meter readings a second: a window shorter than 10 ms is no longer a level. */
    public static final double MAX_METER_RATE = 100;
    /** The most scope frames a second: each frame is seven lines of terminal. */
    public static final double MAX_SCOPE_RATE = 10;
    /** What a scope frame shows. */
    public static final double SCOPE_SECONDS = 0.05;

    private final Server server;
    private final Output output;
    private final LangLoop lang;
    private final Map<Integer, Watch> watches = new LinkedHashMap<>();
    private int nextId = 1;

    public ObserveBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        lang.addTicker(this::tick);
    }

    /**
     * A meter on {@code kind} ('out', 'bus' with {@code bus}, 'node' with {@code node} measured
     * on buses {@code bus, bus + 1}); {@code adapter(peakL, peakR, rmsL, rmsR, seconds)} gets
     * every window of {@code 1 / rate} seconds. Returns the watch's id.
     */
    @HostAccess.Export
    public int meter(String kind, Object node, int bus, boolean stereo, Value adapter, double rate) {
        checkRate("meter", rate, MAX_METER_RATE);
        if (adapter == null || !adapter.canExecute()) throw new IllegalArgumentException("meter: expected a function, got " + adapter);
        TapSource src = source("meter", kind, node, bus, stereo);
        int window = (int) Math.max(1, Math.round(server.sampleRate() / rate));
        MeterTap tap = new MeterTap(src, server.blockSize(), window);
        int slot = add(tap, "meter");
        return keep(new MeterWatch(slot, src.toString(), nodeOf(node), tap, adapter, server, output));
    }

    /** A scope on the same kinds of target: prints the last 50 ms at most {@code rate} times a second. */
    @HostAccess.Export
    public int scope(String kind, Object node, int bus, boolean stereo, double rate) {
        checkRate("scope", rate, MAX_SCOPE_RATE);
        TapSource src = source("scope", kind, node, bus, stereo);
        int length = (int) Math.round(server.sampleRate() * SCOPE_SECONDS);
        int period = (int) Math.max(length, Math.round(server.sampleRate() / rate));
        ScopeTap tap = new ScopeTap(src, server.blockSize(), length, period);
        int slot = add(tap, "scope");
        return keep(new ScopeWatch(slot, src.toString(), nodeOf(node), tap, server, output));
    }

    /** Turns a meter or scope off; once it returns the audio thread no longer calls its tap. Again: nothing. */
    @HostAccess.Export
    public void off(int id) {
        Watch w = watches.remove(id);
        if (w != null) server.observers().remove(w.slot);
    }

    /** Whether the meter or scope is still on. */
    @HostAccess.Export
    public boolean on(int id) {
        return watches.containsKey(id);
    }

    /** What it watches, for printing: "out", "bus 16", "Node(1001 'sine')". */
    @HostAccess.Export
    public String label(int id, String fallback) {
        Watch w = watches.get(id);
        return w == null ? fallback : w.label;
    }

    /** Meters and scopes on now. */
    @HostAccess.Export
    public int count() {
        return watches.size();
    }

    /** The Lang loop's ticker: hands over what every tap measured; stops those whose node ended. */
    void tick() {
        if (watches.isEmpty()) return;
        List<Integer> stop = null;
        for (Map.Entry<Integer, Watch> e : watches.entrySet()) {
            Watch w = e.getValue();
            boolean ended = w.node != null && !w.node.playing(); // read before the poll: its last readings still go out
            long started = System.nanoTime();
            boolean ok = w.poll();
            lang.heldWork(w.shown(), started); // a late loop's line names a meter function that took long
            if (!ok || ended) {
                if (stop == null) stop = new ArrayList<>();
                stop.add(e.getKey());
                if (ok) output.out(w.kind() + "(" + w.label + ") stopped: the node ended");
            }
        }
        if (stop != null) for (int id : stop) off(id);
    }

    private int add(Tap tap, String what) {
        if (server.observers().full()) {
            throw new IllegalArgumentException(what + ": " + watches.size() + " meters and scopes are on, the most there can be"
                    + " (the status line may take one); turn one off with .off() first");
        }
        return server.observers().add(tap);
    }

    private int keep(Watch w) {
        int id = nextId++;
        watches.put(id, w);
        return id;
    }

    private TapSource source(String what, String kind, Object node, int bus, boolean stereo) {
        int buses = server.options().audioBuses();
        switch (kind) {
            case "out":
                return TapSource.out();
            case "bus":
                if (bus < 0 || bus >= buses) {
                    throw new IllegalArgumentException(what + ": no audio bus " + bus + " (0 to " + (buses - 1) + ")");
                }
                return TapSource.bus(bus, stereo && bus + 1 < buses);
            case "node":
                if (!(node instanceof NodeRef n)) throw new IllegalArgumentException(what + ": expected a node or group");
                try {
                    return server.nodeTapSource(n, bus);
                } catch (ServerException e) {
                    throw new IllegalArgumentException(what + ": " + e.getMessage()); // it said "bus -1: ..." with no meter:
                }
            default:
                throw new IllegalArgumentException(what + ": the target is a node, a group, an audio bus or 'out'");
        }
    }

    private static NodeRef nodeOf(Object node) {
        return node instanceof NodeRef n ? n : null;
    }

    /** The slowest rate: one reading every 100 s (slower ones overflowed the window's sample count). */
    private static final double MIN_RATE = 0.01;

    private static void checkRate(String what, double rate, double max) {
        if (!(rate > 0 && rate <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: rate is readings a second, more than 0 and at most %s, like {rate: %s}; got %s", what,
                    plain(max), what.equals("meter") ? "20" : "2", Double.isNaN(rate) ? "NaN" : plain(rate)));
        }
        if (rate < MIN_RATE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: rate %s is slower than one reading every 100 s (the least rate is %s)", what, plain(rate), plain(MIN_RATE)));
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
