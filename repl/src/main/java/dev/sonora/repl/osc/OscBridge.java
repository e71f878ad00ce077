package dev.sonora.repl.osc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.HandlerCall;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;
import dev.sonora.server.osc.OscBundle;
import dev.sonora.server.osc.OscCodec;
import dev.sonora.server.osc.OscMessage;
import dev.sonora.server.osc.OscTime;
import dev.sonora.server.osc.peer.AddressPattern;
import dev.sonora.server.osc.peer.BusMappings;
import dev.sonora.server.osc.peer.OscListener;
import dev.sonora.server.osc.peer.OscSender;
import dev.sonora.server.osc.rt.OscRtWarm;
import dev.sonora.server.outbound.SampleInstants;
import dev.sonora.server.rt.Command;

/**
 * The JS API's door to OSC with other programs (the prelude module {@code osc.mjs} gets it).
 *
 * <p>Sending: a message made while a clock event runs (a loop, a pattern, {@code at}) leaves when
 * that event's sample plays, one made outside events at once, both from the sender's own thread.
 * A bundle ({@code osc.bundle(beats, [...])}) leaves at once, stamped with the NTP time of the
 * event's beat plus {@code beats}: the clock runs the latency ahead, so it arrives ahead of its
 * stamp and a receiver that honours time tags plays it on time.
 *
 * <p>Receiving: each listener's thread applies the direct mappings itself (no JS on that path)
 * and puts every message in a bounded inbox; a Lang task takes them and calls the handlers whose
 * pattern matches. A full inbox drops the message and counts it. A message from a bundle whose time
 * tag is still ahead when its handlers run is handled as an event at the tag's sample (as
 * {@code midi.latency} does): what the handlers start sounds there, sample-exact. A tag already
 * passed plays at once, counted and said at most once a second; "immediately" plays at once.
 *
 * <p>Lang thread only, except {@link #received} (listener threads).
 */
public final class OscBridge implements AutoCloseable {
    /** Messages waiting for the handlers at most. */
    static final int INBOX = 1024;
    /** Messages handled per Lang task at most, so a flood cannot starve the REPL. */
    static final int MAX_PER_TASK = 256;

    private record Incoming(OscMessage message, InetSocketAddress from, long timeTag) {
    }

    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final TimeBridge time;
    private final BusMappings mappings;
    private final Map<Integer, OscListener> listeners = new LinkedHashMap<>();
    private final List<JsOscHandler> handlers = new ArrayList<>();
    private final ArrayBlockingQueue<Incoming> inbox = new ArrayBlockingQueue<>(INBOX);
    private final AtomicBoolean wakePosted = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong(); // calls that threw or were stopped (HandlerCall)
    private OscSender sender; // made on first send
    private Bridge bridge;
    private int nextHandler = 1;
    private long handled;
    private boolean renderSaid; // the one line a render's first osc.send gets
    private long timed; // messages handled at their bundle's time tag
    private long late; // messages whose time tag had passed when their handlers ran
    private final ReportLimiter lateReports;

    public OscBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.time = host.extension("time", TimeBridge.class);
        this.mappings = new BusMappings(server);
        this.lateReports = new ReportLimiter(server);
    }

    /** Hands over the prelude's bridge, whose event time stamps what timed code sends. */
    @HostAccess.Export
    public void attach(Object b) {
        if (!(b instanceof Bridge br)) throw new IllegalArgumentException("osc: not the prelude's bridge");
        bridge = br;
    }

    // ---- sending ----

    private OscSender sender() {
        if (sender == null) sender = new OscSender(output::err);
        return sender;
    }

    private long eventSample() {
        return bridge == null ? Command.NOW : bridge.eventTime();
    }

    /** {@code osc.send(host, port, address, ...args)}: {@code tags} one letter an argument (i f s b T F), as the prelude typed them. */
    @HostAccess.Export
    public void send(String host, int port, String address, String tags, Value values) {
        checkHost(host);
        OscMessage m = message(address, tags, values);
        if (rendering()) return;
        sender().send(host, port, OscCodec.encode(m), SampleInstants.nanosOf(server, eventSample()), address);
    }

    /**
     * {@code osc.send(host, port, osc.bundle(beats, [...]))}: {@code messages} is an array of
     * {@code [address, tags, values]}. Sent at once, stamped with the logical time plus {@code beats}.
     */
    @HostAccess.Export
    public void sendBundle(String host, int port, double beats, Value messages) {
        checkHost(host);
        List<Object> elements = new ArrayList<>();
        for (long i = 0; i < messages.getArraySize(); i++) {
            Value e = messages.getArrayElement(i);
            elements.add(message(e.getArrayElement(0).asString(), e.getArrayElement(1).asString(), e.getArrayElement(2)));
        }
        if (rendering()) return;
        OscBundle b = new OscBundle(stamp(beats), elements);
        sender().send(host, port, OscCodec.encode(b), System.nanoTime(), "a bundle of " + elements.size());
    }

    /**
     * A render runs faster than the music: what it sent would reach the other program in a burst
     * (and a time tag would have no wall clock to mean), so nothing is sent; one line the first time.
     */
    private boolean rendering() {
        if (!lang.virtualTime()) return false;
        if (!renderSaid) {
            renderSaid = true;
            output.out("osc: not sent during a --render (it runs faster than the music, the receiver would get it in a burst):"
                    + " osc.send is skipped; the audio renders as usual");
        }
        return true;
    }

    /** The NTP time of the logical now (the event's sample, else the clock's now: the latency ahead) plus {@code beats}. */
    long stamp(double beats) {
        if (lang.virtualTime()) return OscBundle.IMMEDIATELY; // a render has no wall time to stamp
        long base = eventSample();
        if (base == Command.NOW) base = server.sampleTime() + Math.round(time.latency() * server.sampleRate());
        long sample = base + Math.round(beats * server.sampleRate() * 60.0 / time.tempo());
        return OscTime.ntpOfMonotonic(SampleInstants.nanosOf(server, sample));
    }

    private static void checkHost(String host) {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("osc.send: '" + host + "' is not a host name or address");
        }
    }

    private static OscMessage message(String address, String tags, Value values) {
        AddressPattern.of(address); // the same checks an address gets as a pattern: starts with '/', no spaces
        if (address.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            throw new IllegalArgumentException("osc.send: '" + address + "' is a pattern; send to a plain address");
        }
        List<Object> args = new ArrayList<>(tags.length());
        for (int i = 0; i < tags.length(); i++) {
            Value v = values.getArrayElement(i);
            args.add(switch (tags.charAt(i)) {
                case 'i' -> v.asInt();
                case 'f' -> (float) v.asDouble();
                case 's' -> v.asString();
                case 'T' -> Boolean.TRUE;
                case 'F' -> Boolean.FALSE;
                case 'b' -> {
                    byte[] blob = new byte[(int) v.getArraySize()];
                    for (int k = 0; k < blob.length; k++) blob[k] = (byte) v.getArrayElement(k).asInt();
                    yield blob;
                }
                default -> throw new IllegalArgumentException("osc.send: no OSC type '" + tags.charAt(i) + "'");
            });
        }
        return new OscMessage(address, tags, args);
    }

    // ---- listening ----

    /** {@code osc.listen(port)}: returns the port (0 asks for a free one). Listening again on a port is a no-op. */
    @HostAccess.Export
    public int listen(int port) {
        if (listeners.containsKey(port)) return port;
        OscRtWarm.preload(); // the mapping's bus write is linked here, never first on the audio thread
        OscListener l = OscListener.open(port, mappings, this::received);
        listeners.put(l.port(), l);
        return l.port();
    }

    /** Stops listening on {@code port} (-1: every port); returns how many closed. */
    @HostAccess.Export
    public int unlisten(int port) {
        List<Integer> ports = port < 0 ? new ArrayList<>(listeners.keySet()) : List.of(port);
        int n = 0;
        for (int p : ports) {
            OscListener l = listeners.remove(p);
            if (l != null) {
                l.close();
                n++;
            }
        }
        return n;
    }

    @HostAccess.Export
    public ProxyArray listening() {
        return JsValues.list(listeners.keySet());
    }

    /** Listener threads: queue for the handlers and wake Lang once. */
    private void received(OscMessage m, InetSocketAddress from, long timeTag) {
        if (!inbox.offer(new Incoming(m, from, timeTag))) {
            dropped.incrementAndGet();
            return;
        }
        if (wakePosted.compareAndSet(false, true)) lang.post(this::dispatchOnLang);
    }

    private void dispatchOnLang() {
        wakePosted.set(false); // first: a message queued from here on posts a new task
        for (int n = 0; n < MAX_PER_TASK; n++) {
            Incoming in = inbox.poll();
            if (in == null) return;
            handled++;
            dispatch(in);
        }
        if (!inbox.isEmpty() && wakePosted.compareAndSet(false, true)) lang.post(this::dispatchOnLang);
    }

    /** Runs the handlers, as an event at the bundle's time tag when it is still ahead. */
    private void dispatch(Incoming in) {
        Bridge b = bridge;
        if (in.timeTag == OscBundle.IMMEDIATELY || in.timeTag == 0 || b == null || lang.virtualTime()) {
            callHandlers(in);
            return;
        }
        boolean[] passed = new boolean[1];
        long sample = OscTime.sampleOf(server, in.timeTag, passed);
        if (passed[0]) lateBy(in);
        else if (sample != Command.NOW) timed++;
        long outer = b.eventTime();
        b.eventTime(sample); // NOW for a passed tag: at once
        try {
            callHandlers(in);
        } finally {
            b.eventTime(outer);
        }
    }

    private void lateBy(Incoming in) {
        late++;
        int held = lateReports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : " (" + held + " more since the last report)";
        output.err("osc: a bundle's " + in.message.address() + " was handled after its time tag had passed: it played at once" + more
                + "; send bundles further ahead");
    }

    private void callHandlers(Incoming in) {
        OscMessage m = in.message;
        Object[] values = null;
        for (JsOscHandler h : List.copyOf(handlers)) { // a handler may add or remove handlers
            if (!h.pattern.matches(m.address())) continue;
            if (values == null) values = jsValues(m);
            String host = in.from.getAddress() == null ? in.from.getHostString() : in.from.getAddress().getHostAddress();
            h.call.call(m.address(), m.tags(), ProxyArray.fromArray(values), host, in.from.getPort());
        }
    }

    /** Arguments as JavaScript reads them: numbers, strings, booleans, null; a blob as a list of bytes (0..255). */
    private static Object[] jsValues(OscMessage m) {
        Object[] out = new Object[m.args().size()];
        for (int i = 0; i < out.length; i++) {
            Object a = m.args().get(i);
            if (a instanceof byte[] blob) {
                Object[] bytes = new Object[blob.length];
                for (int k = 0; k < blob.length; k++) bytes[k] = blob[k] & 0xFF;
                out[i] = ProxyArray.fromArray(bytes);
            } else if (a instanceof Float f) {
                out[i] = f.doubleValue();
            } else if (a instanceof Long l) {
                out[i] = l.doubleValue();
            } else if (a instanceof Character c) {
                out[i] = String.valueOf(c);
            } else if (a == OscMessage.IMPULSE) {
                out[i] = "impulse";
            } else {
                out[i] = a; // Integer, Double, String, Boolean, null
            }
        }
        return out;
    }

    // ---- handlers and mappings ----

    /** Throws one line when {@code pattern} is not a well-formed OSC address pattern. */
    @HostAccess.Export
    public void checkPattern(String pattern) {
        pattern(pattern, "osc.on");
    }

    /** {@code osc.on(pattern, fn)}: the prelude's adapter; returns an id for {@link #off}. */
    @HostAccess.Export
    public int on(String pattern, Value adapter) {
        AddressPattern p = pattern(pattern, "osc.on");
        JsOscHandler h = new JsOscHandler(nextHandler++, p, new HandlerCall(adapter, "osc.on('" + p + "')", lang, server, output, handlerErrors));
        h.call.turnOffWith(() -> off(h.id));
        handlers.add(h);
        return h.id;
    }

    @HostAccess.Export
    public boolean off(int id) {
        return handlers.removeIf(h -> h.id == id);
    }

    /** {@code osc.on(pattern).to(bus, lo, hi)}: returns an id for {@link #unmap}. */
    @HostAccess.Export
    public int map(String pattern, int bus, double lo, double hi) {
        return mappings.add(pattern(pattern, "osc.on"), bus, lo, hi);
    }

    @HostAccess.Export
    public boolean unmap(int id) {
        return mappings.remove(id);
    }

    private static AddressPattern pattern(String p, String what) {
        try {
            return AddressPattern.of(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** {listening, handlers, mappings, received, handled, timed, late, dropped, malformed, mapped, sent, sendFailures, handlerErrors}. */
    @HostAccess.Export
    public ProxyObject status() {
        long received = 0;
        long malformed = 0;
        for (OscListener l : listeners.values()) {
            received += l.received();
            malformed += l.malformed();
        }
        return JsValues.object("listening", JsValues.list(listeners.keySet()), "handlers", handlers.size(),
                "mappings", mappings.size(), "received", received, "handled", handled, "timed", timed, "late", late, "dropped", dropped.get(),
                "malformed", malformed, "mapped", mappings.applied(), "sent", sender == null ? 0 : sender.sent(),
                "sendFailures", sender == null ? 0 : sender.failed(), "handlerErrors", handlerErrors.get());
    }

    /** The mappings, for tests. */
    public BusMappings mappings() {
        return mappings;
    }

    @Override
    public void close() {
        unlisten(-1);
        if (sender != null) {
            long until = System.nanoTime() + 200_000_000L; // what timed code queued leaves first
            while (sender.pending() > 0 && System.nanoTime() < until) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            sender.close();
        }
    }
}
