package dev.sonora.repl.lang;

import static dev.sonora.repl.lang.JsValues.floats;
import static dev.sonora.repl.lang.JsValues.strings;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.Status;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.DefCost;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.UnitCosts;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * The narrow door from the prelude to the server: the only Java the scripts can reach, and
 * only through the members marked {@link HostAccess.Export}. Node handles travel through JS
 * as opaque objects. Lang thread only (the JS context calls it), except {@link #nodeEndedOnNrt}.
 */
public final class Bridge {
    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final Map<NodeRef, List<Value>> endCallbacks = new IdentityHashMap<>();
    private JsHost host;
    /** The last heavy-graph warning {@code play} printed, so a loop playing it says it once. */
    private String lastPlayWarning;
    /** Sample time of the clock event being run (loop body, {@code at} callback), or NOW: live input. */
    private long eventTime = Command.NOW;
    /** Nodes that clock events started ahead of the audio, with their start samples, oldest first. */
    private final java.util.ArrayDeque<Scheduled> scheduled = new java.util.ArrayDeque<>();
    private final Panic panic;

    record Scheduled(NodeRef node, long time) {
    }

    Bridge(Server server, LangLoop lang, Output output) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.panic = new Panic(server, lang, output);
    }

    void attach(JsHost host) {
        this.host = host;
    }

    // ---- console ----

    @HostAccess.Export
    public void print(String text) {
        output.out(text);
    }

    @HostAccess.Export
    public void printError(String text) {
        output.err(text);
    }

    /**
     * The message a script sees for a Java exception thrown by a bridge method (see
     * {@link ErrorReport#hostReason}), or null when {@code e} is not one (a JS error).
     */
    @HostAccess.Export
    public String hostMessage(Object e) {
        return e instanceof Throwable t ? ErrorReport.hostReason(t) : null;
    }

    // ---- definitions ----

    /** The units that are global functions, by name: see {@link UnitGlobals}. */
    @HostAccess.Export
    public ProxyArray unitFunctions() {
        return JsValues.list(UnitGlobals.functions(server.units()));
    }

    /** The units that are methods on a signal, by name: see {@link UnitGlobals}. */
    @HostAccess.Export
    public ProxyArray unitMethods() {
        return JsValues.list(UnitGlobals.methods(server.units()));
    }

    /**
     * The unit registry: [{name, inputs, defaults, variadic, stereoIn}], a default null where the
     * input is required.
     */
    @HostAccess.Export
    public ProxyArray units() {
        List<Object> units = new ArrayList<>();
        for (UnitType t : server.units().all().values()) {
            Object[] defaults = new Object[t.defaults().length];
            for (int i = 0; i < defaults.length; i++) {
                float d = t.defaults()[i];
                defaults[i] = Float.isFinite(d) ? decimal(d) : null; // NaN: required
            }
            units.add(JsValues.object("name", t.name(), "inputs", JsValues.list((Object[]) t.inputs()),
                    "defaults", JsValues.list(defaults), "variadic", t.variadic(), "stereoIn", Units.stereoIn(t)));
        }
        return JsValues.list(units);
    }

    /**
     * A float as the number it prints as: 0.1f crosses as 0.1, not as 0.10000000149011612, so a
     * unit's default is the decimal its definition reads.
     */
    private static double decimal(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e7f ? (double) (long) f : Double.parseDouble(Float.toString(f));
    }

    /** The def function's first parameter: {kind, text, keys, locals}; see {@link ParamPattern}. */
    @HostAccess.Export
    public ProxyObject paramPattern(String fnSource) {
        ParamPattern p = ParamPattern.parse(fnSource);
        return JsValues.object("kind", p.kind(), "text", p.text(), "keys", JsValues.list(p.keys()), "locals", JsValues.list(p.locals()));
    }

    @HostAccess.Export
    public GraphBridge newGraph() {
        return new GraphBridge(server.units());
    }

    /** Compiles the graph and makes it the definition called {@code name}; returns its control names. */
    @HostAccess.Export
    public ProxyArray define(GraphBridge graph, String name, Object result) {
        SynthDef def = graph.build(name, result);
        server.addDef(def);
        warnIfHeavy(def, "def '" + name + "'");
        return JsValues.list(def.controlNames());
    }

    /** Compiles an anonymous graph for {@code play}; not registered by name. */
    @HostAccess.Export
    public Object anonymous(GraphBridge graph, String name, Object result) {
        SynthDef def = graph.build(name, result);
        warnIfHeavy(def, "play");
        return def;
    }

    /**
     * Says in one line when one synth of {@code def} would take more than
     * {@link DefCost#WARN_SHARE} of an audio block. The def is made all the same (a
     * {@code --render} plays it, only slower). A def warns each time it is defined; {@code play}
     * in a loop warns once for the same estimate, not on every call.
     */
    private void warnIfHeavy(SynthDef def, String what) {
        DefCost cost = DefCost.estimate(def, UnitCosts.MEASURED, server.sampleRate(), server.blockSize());
        if (!cost.heavy()) return;
        String line = cost.warning(what);
        if (what.equals("play")) {
            if (line.equals(lastPlayWarning)) return;
            lastPlayWarning = line;
        }
        output.err(line);
    }

    /** The defined synths' names, sorted. */
    @HostAccess.Export
    public ProxyArray defNames() {
        return JsValues.list(new TreeSet<>(server.defNames()));
    }

    /** A def's control names, in order; null for no such def. */
    @HostAccess.Export
    public ProxyArray controlNames(String defName) {
        SynthDef d = server.def(defName);
        return d == null ? null : JsValues.list(d.controlNames());
    }

    /** A def's controls as {@code Def(...)} shows them: {@code "freq = 440, amp = 0.1"}; null for no such def. */
    @HostAccess.Export
    public String controlsOf(String defName) {
        SynthDef d = server.def(defName);
        if (d == null) return null;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.controlNames().size(); i++) {
            if (i > 0) b.append(", ");
            b.append(d.controlNames().get(i)).append(" = ").append(plain(d.controlDefault(i)));
        }
        return b.toString();
    }

    /** 440 rather than 440.0; 0.3 as it is. */
    private static String plain(float f) {
        if (!Float.isFinite(f)) return "null";
        return f == Math.rint(f) && Math.abs(f) < 1e7f ? Long.toString((long) f) : Float.toString(f);
    }

    // ---- nodes ----

    @HostAccess.Export
    public Object synth(String defName, Value names, Value values, String action, Object target) {
        return newNode(() -> server.synth(defName, strings(names), floats(values), addAction(action), target(target), time()));
    }

    @HostAccess.Export
    public Object play(Object def, Value names, Value values, String action, Object target) {
        if (!(def instanceof SynthDef d)) throw new ServerException("play: not a definition");
        return newNode(() -> server.synth(d, strings(names), floats(values), addAction(action), target(target), time()));
    }

    @HostAccess.Export
    public Object group(String action, Object target) {
        return newNode(() -> server.group(addAction(action), target(target), time()));
    }

    @HostAccess.Export
    public Object parallelGroup(String action, Object target) {
        return newNode(() -> server.parallelGroup(addAction(action), target(target), time()));
    }

    @HostAccess.Export
    public void set(Object node, Value names, Value values) {
        run(() -> server.set(ref(node, "set"), strings(names), floats(values), time()));
    }

    /**
     * Closes the gate; a node without a gate control is freed instead. Releasing or freeing a node
     * that has ended (by itself, or by an earlier free) says nothing: it is what was asked.
     */
    @HostAccess.Export
    public void release(Object node) {
        NodeRef n = ref(node, "release");
        run(() -> server.release(n, time()));
    }

    @HostAccess.Export
    public void free(Object node) {
        NodeRef n = ref(node, "free");
        run(() -> server.end(n, time()));
    }

    @HostAccess.Export
    public void freeAll(Object group) {
        run(() -> server.freeAll(ref(group, "freeAll"), time()));
    }

    @HostAccess.Export
    public void run(Object node, boolean run) {
        NodeRef n = ref(node, run ? "resume" : "pause");
        run(() -> server.runIfPlaying(n, run, time())); // one that has ended has nothing to pause or resume
    }

    @HostAccess.Export
    public void move(Object node, String action, Object target) {
        run(() -> server.move(ref(node, "move"), addAction(action), target(target), time()));
    }

    @HostAccess.Export
    public boolean playing(Object node) {
        return ref(node, "playing").playing();
    }

    @HostAccess.Export
    public int id(Object node) {
        return ref(node, "id").id();
    }

    @HostAccess.Export
    public boolean isGroup(Object node) {
        return ref(node, "isGroup").isGroup();
    }

    @HostAccess.Export
    public String label(Object node) {
        return ref(node, "label").toString();
    }

    @HostAccess.Export
    public Object defaultGroup() {
        return server.defaultGroup();
    }

    @HostAccess.Export
    public Object rootGroup() {
        return server.rootGroup();
    }

    /**
     * Frees every node (the groups 0 and 1 stay) and forgets every pending {@code onEnd}
     * callback: a panic must not be undone by callbacks that start the next note.
     */
    @HostAccess.Export
    public void hush() {
        endCallbacks.clear();
        // nodes the clock sent ahead have not started yet: each one is freed at its own start sample.
        // One due at or before a clock event's hush is linked before the hush's freeAll and goes with
        // it: a second free of it would only be refused ("has already ended"), failing a render
        java.util.List<Scheduled> ahead = new ArrayList<>();
        for (Scheduled s : scheduled) {
            if (eventTime == Command.NOW ? s.time >= server.sampleTime() : s.time > eventTime) ahead.add(s);
        }
        scheduled.clear();
        panic.hush(time(), ahead);
    }

    /** Whether a server error line is a refusal a recent hush explains (see {@link Panic#quiet}). NRT thread. */
    boolean quietAfterHush(String message) {
        return panic.quiet(message);
    }

    /** Whether any {@code onEnd} callback is waiting. Lang thread. */
    boolean waitsOnNodeEnds() {
        return !endCallbacks.isEmpty();
    }

    /** Calls {@code fn} on the Lang loop when the node ends (at once if it already has). */
    @HostAccess.Export
    public void onEnd(Object node, Value fn) {
        NodeRef n = ref(node, "onEnd");
        if (!fn.canExecute()) throw new IllegalArgumentException("onEnd: expected a function, got " + fn);
        if (!n.playing()) {
            lang.post(() -> call(fn));
            return;
        }
        endCallbacks.computeIfAbsent(n, k -> new ArrayList<>()).add(fn);
    }

    /** Server listener side: called on NRT, hands the event to Lang. */
    void nodeEndedOnNrt(NodeRef n) {
        lang.post(() -> {
            List<Value> fns = endCallbacks.remove(n);
            if (fns != null) for (Value fn : fns) call(fn);
        });
    }

    private void call(Value fn) {
        lang.runStep(() -> {
            long started = System.nanoTime();
            try {
                fn.executeVoid();
            } catch (PolyglotException e) {
                host.report(e, "in an onEnd callback");
            } finally {
                lang.heldWork("an onEnd callback", started);
            }
        });
    }

    // ---- status, buses ----

    /** The server's {@link Status}, with {@code seconds} of server time. */
    @HostAccess.Export
    public ProxyObject status() {
        Status s = server.status();
        return JsValues.object("cpu", s.cpu(), "peakCpu", s.peakCpu(), "peak", s.peak(), "nodes", s.nodes(),
                "synths", s.synths(), "late", s.late(), "xruns", s.xruns(), "rtAllocBytes", s.rtAllocBytes(),
                "nanFixed", s.nanFixed(), "clipped", s.clipped(), "seconds", server.secondsAt(s.sampleTime()));
    }

    @HostAccess.Export
    public int audioBuses() {
        return server.options().audioBuses();
    }

    @HostAccess.Export
    public int controlBuses() {
        return server.options().controlBuses();
    }

    @HostAccess.Export
    public int sampleRate() {
        return server.sampleRate();
    }

    // ---- files ----

    @HostAccess.Export
    public void load(String path) {
        host.loadFromScript(path);
    }

    /** The script file running now, or null at the prompt (buses.mjs: a file run again gets its buses back). */
    @HostAccess.Export
    public String loadingFile() {
        return host.loadingFile();
    }

    /** Which run of {@link #loadingFile()} this is: a new number each time a file starts to run. */
    @HostAccess.Export
    public double loadingRun() {
        return host.loadingRun();
    }

    @HostAccess.Export
    public String watch(String path) {
        return host.watchFromScript(path);
    }

    @HostAccess.Export
    public boolean unwatch(String path) {
        return host.unwatch(path);
    }

    // ---- event time (the tempo clock's hook) ----

    /**
     * Makes every node command sent from now on carry sample time {@code t} ({@link Command#NOW}:
     * at the next block, as for live input). The clock sets it around each event it runs and
     * resets it in a finally block. Lang thread only; not reachable from scripts.
     */
    public void eventTime(long t) {
        eventTime = t;
    }

    /** The time node commands are sent with: the running clock event's sample, or NOW. */
    public long eventTime() {
        return eventTime;
    }

    private long time() {
        return eventTime;
    }

    /**
     * Sends a new node: any frees a hush is still holding back for a full queue go first (so they
     * do not end it), and a node started ahead by a clock event is remembered until it starts.
     */
    private NodeRef newNode(Supplier<NodeRef> send) {
        panic.beforeNewNode();
        return started(onServer(send));
    }

    /** Remembers a node started ahead by a clock event until its start sample has passed. */
    private NodeRef started(NodeRef n) {
        if (eventTime == Command.NOW) return n;
        long next = server.sampleTime();
        while (!scheduled.isEmpty() && scheduled.peekFirst().time < next) scheduled.pollFirst();
        scheduled.addLast(new Scheduled(n, eventTime));
        return n;
    }

    // ---- helpers ----

    /**
     * Runs a server call, turning its refusal into an exception that carries a stack trace:
     * {@link ServerException} has none (it is cheap by design), and without one the JS engine
     * cannot tell which script line made the call, so the report would lose its file:line.
     */
    public static <T> T onServer(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ServerException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** {@link #onServer} for a call with no result. */
    public static void run(Runnable call) {
        onServer(() -> {
            call.run();
            return null;
        });
    }

    private static NodeRef ref(Object o, String what) {
        if (o instanceof NodeRef r) return r;
        throw new IllegalArgumentException(what + ": not a node");
    }

    private NodeRef target(Object o) {
        if (o == null) return server.defaultGroup();
        return ref(o, "target");
    }

    private static int addAction(String action) {
        int a = action == null ? AddAction.HEAD : AddAction.parse(action);
        if (a < 0) throw new IllegalArgumentException("unknown place '" + action + "': use head, tail, before, after or replace");
        return a;
    }
}
