package dev.sonora.repl.link.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One Link peer: its thread ({@code sonora-link}) announces this node's session to the
 * multicast group every 250 ms and at once after a change, hears the other peers, measures the
 * ghost clock of any other session it sees and joins that session when it is older (by more
 * than half a second, else the smaller session id wins), adopts a timeline of its own session
 * whose beat origin is larger, and answers pings. Other threads read {@link #state()} and post
 * requests ({@link #requestTempo} …): neither ever waits on this thread.
 *
 * <p>Bad input never stops it: a packet that does not parse, or a timeline with an absurd origin,
 * is dropped and counted; a peer announcing a tempo outside Link's 20–999 bpm by more than
 * rounding (0, 10⁶ bpm, NaN: no tempo a real peer sends) is refused and counted; a tempo just
 * outside it, and a script's, is clamped and counted (as the reference library clamps).
 */
public final class LinkNode implements AutoCloseable {
    public static final int PORT = 20808;
    static final InetSocketAddress GROUP = new InetSocketAddress("224.76.78.75", PORT);
    private static final int TTL_SECONDS = 5;
    private static final long BROADCAST_NANOS = 250_000_000L; // the time to live over 20, as Link sends
    private static final long MIN_BROADCAST_NANOS = 50_000_000L;
    private static final long REMEASURE_NANOS = 30_000_000_000L;
    private static final long FIRST_REMEASURE_NANOS = 3_000_000_000L;
    private static final double SESSION_EPS_MICROS = 500_000;
    /** Origins past this (in millionths of a beat or microseconds, about 30 000 years) are garbage, not music. */
    private static final long MAX_ORIGIN = 1L << 60;
    /** How often the interfaces are listed again (a cable plugged in, Wi-Fi joined): the reference library's discovery period. */
    static final long RESCAN_NANOS = 5_000_000_000L;

    /** One IPv4 address of an interface Link can use. */
    record Candidate(NetworkInterface nif, Inet4Address address, int prefix) {
    }

    /** Where the interfaces come from: the system's, or a test's. */
    @FunctionalInterface
    interface Interfaces {
        List<Candidate> scan() throws IOException;
    }

    /** The system's IPv4 interfaces that are up: the loopback always, others that do multicast. */
    static final Interfaces SYSTEM = () -> {
        List<Candidate> found = new ArrayList<>();
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            if (!nif.isUp() || !(nif.isLoopback() || nif.supportsMulticast())) continue;
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address a) found.add(new Candidate(nif, a, ia.getNetworkPrefixLength()));
            }
        }
        return found;
    };

    private final Selector selector;
    private final DatagramChannel multicast;
    private final List<LinkGateway> gateways; // changed by the network thread's rescans, read by where() from any thread
    private final Interfaces interfaces;
    private final Map<String, MembershipKey> memberships; // the group, joined on each interface by name
    private final long rescanNanos;
    private long nextRescan;
    private final Consumer<String> lines;
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile LinkState state;

    // the network thread's own
    private final long nodeId;
    private long sessionId;
    private Timeline timeline;
    private GhostXForm xform;
    private StartStop startStop = StartStop.NONE;
    private boolean startStopSync;
    private final Map<Long, LinkPeer> peers = new HashMap<>();
    private final Map<Long, Timeline> otherSessions = new HashMap<>();
    private final Map<InetSocketAddress, LinkMeasurement> measurements = new HashMap<>();
    private final Set<Long> reported = new HashSet<>();
    private long applied;
    private long dropped;
    private long clamped;
    private long refused;
    private long lastBroadcast = Long.MIN_VALUE / 2;
    private long nextBroadcast;
    private long nextRemeasure = Long.MAX_VALUE;
    private boolean changed;
    private final ByteBuffer in = ByteBuffer.allocate(2048);
    private final ByteBuffer out = ByteBuffer.allocate(LinkWire.MAX_MESSAGE);

    private LinkNode(Selector selector, DatagramChannel multicast, List<LinkGateway> gateways, Map<String, MembershipKey> memberships,
                     Interfaces interfaces, long rescanNanos, double bpm, Consumer<String> lines) {
        this.selector = selector;
        this.memberships = memberships;
        this.multicast = multicast;
        this.gateways = new CopyOnWriteArrayList<>(gateways);
        this.interfaces = interfaces;
        this.rescanNanos = rescanNanos;
        this.nextRescan = System.nanoTime() + rescanNanos;
        this.lines = lines;
        this.nodeId = randomId();
        this.sessionId = nodeId;
        long now = System.nanoTime();
        this.xform = new GhostXForm(1.0, -hostMicros(now)); // our own ghost clock starts at 0 now
        this.timeline = Timeline.of(Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm)), 0, 0);
        this.nextBroadcast = now;
        publish();
        this.thread = new Thread(this::run, "sonora-link");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the sockets on every IPv4 interface that is up (the loopback always, others that do
     * multicast) and starts the thread; {@code lines} gets the peers coming and going, and
     * interfaces appearing and going (listed again every {@link #RESCAN_NANOS}), on the network
     * thread. Throws with the reason when no interface could be used.
     */
    public static LinkNode start(double bpm, Consumer<String> lines) throws IOException {
        return start(bpm, lines, SYSTEM, RESCAN_NANOS);
    }

    static LinkNode start(double bpm, Consumer<String> lines, Interfaces interfaces, long rescanNanos) throws IOException {
        List<LinkGateway> gws = new ArrayList<>();
        Map<String, MembershipKey> joined = new HashMap<>();
        Selector sel = Selector.open();
        DatagramChannel mc = null;
        try {
            mc = DatagramChannel.open(StandardProtocolFamily.INET);
            mc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            mc.bind(new InetSocketAddress(PORT));
            mc.configureBlocking(false);
            String why = "no IPv4 network interface is up";
            for (Candidate c : interfaces.scan()) {
                try {
                    gws.add(open(c, mc, sel, joined));
                } catch (IOException e) {
                    why = c.nif().getName() + ": " + e.getMessage();
                }
            }
            if (gws.isEmpty()) throw new IOException(why);
            mc.register(sel, SelectionKey.OP_READ, null);
            LinkNode node = new LinkNode(sel, mc, gws, joined, interfaces, rescanNanos, bpm, lines);
            node.thread.start();
            return node;
        } catch (IOException | RuntimeException e) {
            for (LinkGateway g : gws) g.close();
            if (mc != null) mc.close();
            sel.close();
            throw e;
        }
    }

    /** Joins the group on the candidate's interface and opens its gateway's sockets on the selector. */
    private static LinkGateway open(Candidate c, DatagramChannel mc, Selector sel, Map<String, MembershipKey> joined) throws IOException {
        joined.put(c.nif().getName(), mc.join(GROUP.getAddress(), c.nif())); // the same key again for a second address on one interface
        LinkGateway g = new LinkGateway(c.nif(), c.address(), c.prefix());
        try {
            g.discovery.register(sel, SelectionKey.OP_READ, g);
            g.measurement.register(sel, SelectionKey.OP_READ, g);
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** The latest published state. Any thread, never waits. */
    public LinkState state() {
        return state;
    }

    /** The host clock Link's times are in: {@link System#nanoTime()} in microseconds. */
    public static double hostMicros() {
        return System.nanoTime() / 1e3;
    }

    static long hostMicros(long nanos) {
        return nanos / 1000;
    }

    /** Which interfaces the node is on, for the start line. */
    public String where() {
        List<String> names = new ArrayList<>();
        for (LinkGateway g : gateways) names.add(g.nif.getName() + " " + g.address.getHostAddress());
        return String.join(", ", names);
    }

    // ---- requests (any thread; carried out on the network thread, counted in applied) ----

    /** The session's tempo becomes {@code bpm} from host time {@code hostMicros} on, keeping its beat there. */
    public void requestTempo(double bpm, double hostMicros) {
        post(() -> {
            double g = xform.hostToGhost(hostMicros);
            timeline = timeline.through(clampCounted(bpm), g, timeline.toBeats(g));
        });
    }

    /**
     * The session's beat at host time {@code hostMicros} becomes {@code beat}, at {@code bpm}: for a
     * node alone, whose own clock is the session. Ignored if by then the node is no longer alone
     * in session {@code session} (it joined another meanwhile: the pin was meant for the old one).
     */
    public void requestPin(long session, double bpm, double hostMicros, double beat) {
        post(() -> {
            if (session != sessionId || peersInSession() > 0) return;
            timeline = timeline.through(clampCounted(bpm), xform.hostToGhost(hostMicros), beat);
        });
    }

    /** Starts or stops the session's transport now (shared only with start/stop sync on). */
    public void requestStartStop(boolean playing) {
        requestStartStop(playing, Double.NaN);
    }

    /**
     * Starts or stops the session's transport at host time {@code hostMicros} (NaN: now): a peer
     * that starts at its first bar from then starts where Sonora's first bar it can still reach is.
     */
    public void requestStartStop(boolean playing, double hostMicros) {
        post(() -> {
            if (!startStopSync) return;
            double g = xform.hostToGhost(Double.isNaN(hostMicros) ? hostMicros(System.nanoTime()) : hostMicros);
            long stamp = Math.max(Math.round(g), startStop.timestamp() + 1);
            startStop = new StartStop(playing, Math.round(timeline.toBeats(g) * 1e6), stamp);
        });
    }

    public void requestStartStopSync(boolean on) {
        post(() -> startStopSync = on);
    }

    private void post(Runnable r) {
        requests.add(r);
        selector.wakeup(); // a system call, but no lock and no wait
    }

    private int peersInSession() {
        int n = 0;
        for (LinkPeer p : peers.values()) if (p.sessionId() == sessionId) n++;
        return n;
    }

    private double clampCounted(double bpm) {
        if (bpm >= Timeline.MIN_BPM && bpm <= Timeline.MAX_BPM) return bpm;
        clamped++;
        return Double.isNaN(bpm) ? timeline.bpm() : Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm));
    }

    /** Leaves the session (a bye-bye to the peers) and stops the thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the network thread ----

    private void run() {
        try {
            while (running) {
                long now = System.nanoTime();
                long wake = Math.min(nextBroadcast, now + 1_000_000_000L);
                for (LinkMeasurement m : measurements.values()) wake = Math.min(wake, m.deadline());
                long millis = Math.max(1, (wake - now + 999_999) / 1_000_000);
                selector.select(millis);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey k = keys.next();
                    keys.remove();
                    if (k.isValid() && k.isReadable()) receive((DatagramChannel) k.channel(), (LinkGateway) k.attachment());
                }
                Runnable r;
                while ((r = requests.poll()) != null) {
                    r.run();
                    applied++;
                    changed = true;
                }
                timers(System.nanoTime());
                if (System.nanoTime() - nextRescan >= 0) {
                    nextRescan = System.nanoTime() + rescanNanos;
                    rescan();
                }
                if (changed) {
                    changed = false;
                    publish();
                    nextBroadcast = Math.min(nextBroadcast, lastBroadcast + MIN_BROADCAST_NANOS);
                }
            }
        } catch (IOException | RuntimeException e) {
            lines.accept("link: stopped: " + e.getMessage());
        } finally {
            for (LinkGateway g : gateways) {
                LinkWire.byeBye(out, nodeId);
                send(g.discovery, GROUP);
                g.close();
            }
            try {
                multicast.close();
                selector.close();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }
    }

    private void receive(DatagramChannel ch, LinkGateway g) throws IOException {
        for (int i = 0; i < 64; i++) { // a flood cannot starve the timers
            in.clear();
            SocketAddress from = ch.receive(in);
            if (from == null) return;
            in.flip();
            if (!(from instanceof InetSocketAddress sender)) continue;
            try {
                if (g != null && ch == g.measurement) measurementMessage(sender, g);
                else discoveryMessage(sender, g);
            } catch (RuntimeException e) {
                // a datagram the checks above did not foresee: counted, and the node goes on
                dropped++;
                changed = true;
            }
        }
    }

    private void discoveryMessage(InetSocketAddress from, LinkGateway g) {
        LinkWire.Announcement a = LinkWire.announcement(in);
        if (a == null) {
            dropped++;
            changed = true;
            return;
        }
        if (a.nodeId() == nodeId || a.group() != 0) return; // our own echo, or another group
        LinkGateway via = g != null ? g : gatewayFor(from.getAddress());
        switch (a.type()) {
            case LinkWire.ALIVE -> {
                sendState(via, LinkWire.RESPONSE, from);
                peerState(a, via, from);
            }
            case LinkWire.RESPONSE -> peerState(a, via, from);
            case LinkWire.BYEBYE -> {
                if (peers.remove(a.nodeId()) != null) changed = true;
            }
            default -> {
                dropped++;
                changed = true;
            }
        }
    }

    private void peerState(LinkWire.Announcement a, LinkGateway via, InetSocketAddress from) {
        Timeline tl = a.timeline();
        if (tl == null || a.sessionId() == 0 || Math.abs(tl.beatOrigin()) > MAX_ORIGIN || Math.abs(tl.timeOrigin()) > MAX_ORIGIN) {
            dropped++;
            changed = true;
            return;
        }
        double bpm = tl.bpm(); // 0 or fewer µs a beat: an infinite or negative tempo
        if (!(bpm > Timeline.MIN_BPM * 0.99 && bpm < Timeline.MAX_BPM * 1.01)) {
            refused++; // 0, 10^6 or NaN bpm is no rounding of a real tempo: a broken peer, ignored
            changed = true;
            return;
        }
        Timeline c = tl.clamped(); // 999 bpm travels as 60061 µs a beat and comes back as 998.999…
        if (c != tl) {
            clamped++;
            changed = true;
        }
        InetSocketAddress mep = a.mepPort() == 0 ? null : new InetSocketAddress(address(a.mepAddress()), a.mepPort());
        LinkPeer before = peers.put(a.nodeId(), new LinkPeer(a.nodeId(), a.sessionId(), c, a.startStop(), mep, via,
                System.nanoTime() + a.ttl() * 1_000_000_000L));
        if (before == null || before.sessionId() != a.sessionId()) changed = true;
        sawTimeline(a.sessionId(), c);
        StartStop ss = a.startStop();
        if (a.sessionId() == sessionId && ss != null && ss.timestamp() > startStop.timestamp()) {
            startStop = ss;
            changed = true;
        }
    }

    private void sawTimeline(long sid, Timeline tl) {
        if (sid == sessionId) {
            if (tl.beatOrigin() > timeline.beatOrigin()) {
                timeline = tl;
                changed = true;
            }
            return;
        }
        Timeline known = otherSessions.get(sid);
        if (known == null) {
            otherSessions.put(sid, tl);
            measure(sid);
        } else if (tl.beatOrigin() > known.beatOrigin()) {
            otherSessions.put(sid, tl);
        }
    }

    /** Starts measuring session {@code sid} through its founder if we hear it, else any of its peers. */
    private void measure(long sid) {
        LinkPeer pick = null;
        for (LinkPeer p : peers.values()) {
            if (p.sessionId() != sid || p.measurement() == null) continue;
            if (pick == null || p.nodeId() == sid) pick = p;
        }
        if (pick == null || measurements.containsKey(pick.measurement())) return;
        LinkMeasurement m = new LinkMeasurement(sid, pick.measurement(), pick.gateway());
        measurements.put(pick.measurement(), m);
        m.start(out, System.nanoTime());
    }

    private void measurementMessage(InetSocketAddress from, LinkGateway g) {
        int type = LinkWire.measurementType(in);
        if (type == LinkWire.PING && in.remaining() <= LinkWire.MAX_PING_PAYLOAD) {
            long ghost = Math.round(xform.hostToGhost(hostMicros(System.nanoTime())));
            LinkWire.pong(out, sessionId, ghost, in.slice());
            send(g.measurement, from);
            return;
        }
        if (type != LinkWire.PONG) {
            dropped++;
            changed = true;
            return;
        }
        LinkMeasurement m = measurements.get(from);
        if (m == null) return; // the answer to a measurement's last ping, after it ended
        LinkWire.Pong p = LinkWire.pong(in);
        if (p == null) {
            dropped++;
            changed = true;
            return;
        }
        if (m.onPong(p, out, System.nanoTime())) {
            measurements.remove(from);
            measured(m.sessionId, m.result());
        } else if (m.failed()) {
            measurements.remove(from);
            measureFailed(m.sessionId);
        }
    }

    private void measured(long sid, GhostXForm result) {
        if (sid == sessionId) {
            xform = result;
            changed = true;
            return;
        }
        Timeline other = otherSessions.get(sid);
        if (other == null) return;
        double host = hostMicros(System.nanoTime());
        double ahead = result.hostToGhost(host) - xform.hostToGhost(host);
        if (ahead > SESSION_EPS_MICROS || (Math.abs(ahead) < SESSION_EPS_MICROS && Long.compareUnsigned(sid, sessionId) < 0)) {
            otherSessions.remove(sid);
            otherSessions.put(sessionId, timeline); // known, so it is not measured again
            sessionId = sid;
            timeline = other;
            xform = result;
            startStop = StartStop.NONE;
            nextRemeasure = System.nanoTime() + FIRST_REMEASURE_NANOS; // a measurement made while joining (a busy moment) is refined soon
            changed = true;
        }
    }

    private void measureFailed(long sid) {
        if (sid == sessionId) {
            nextRemeasure = System.nanoTime() + REMEASURE_NANOS;
            return;
        }
        otherSessions.remove(sid);
        if (peers.values().removeIf(p -> p.sessionId() == sid)) changed = true; // heard again, measured again
    }

    private void timers(long now) {
        if (!measurements.isEmpty()) {
            Iterator<LinkMeasurement> it = measurements.values().iterator();
            List<Long> failed = new ArrayList<>();
            while (it.hasNext()) {
                LinkMeasurement m = it.next();
                if (!m.onTimer(out, now)) {
                    it.remove();
                    failed.add(m.sessionId);
                }
            }
            for (long sid : failed) measureFailed(sid);
        }
        if (peers.values().removeIf(p -> p.expiresNanos() - now < 0)) changed = true;
        if (now - nextRemeasure >= 0) {
            nextRemeasure = now + REMEASURE_NANOS;
            measure(sessionId);
        }
        if (now - nextBroadcast >= 0) {
            for (LinkGateway g : gateways) sendState(g, LinkWire.ALIVE, GROUP);
            lastBroadcast = now;
            nextBroadcast = now + BROADCAST_NANOS;
        }
    }

    /**
     * Lists the interfaces again: a gateway on an address that went away says bye-bye and closes
     * (its peers expire by their time to live, or are heard again elsewhere), a new address gets
     * a gateway and is announced on at once. One line each. The loopback stays whatever the list says
     * (peers on this machine meet there), and a failed listing changes nothing.
     */
    private void rescan() {
        List<Candidate> found;
        try {
            found = interfaces.scan();
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (LinkGateway g : gateways) {
            if (g.address.isLoopbackAddress() || listed(found, g.nif.getName(), g.address)) continue;
            LinkWire.byeBye(out, nodeId);
            send(g.discovery, GROUP);
            g.close();
            gateways.remove(g);
            boolean nifStillUsed = false;
            for (LinkGateway other : gateways) nifStillUsed |= other.nif.getName().equals(g.nif.getName());
            if (!nifStillUsed) leaveGroup(g.nif);
            lines.accept("link: no longer on " + g.nif.getName() + " " + g.address.getHostAddress());
        }
        for (Candidate c : found) {
            boolean known = false;
            for (LinkGateway g : gateways) known |= g.nif.getName().equals(c.nif().getName()) && g.address.equals(c.address());
            if (known) continue;
            try {
                LinkGateway g = open(c, multicast, selector, memberships);
                gateways.add(g);
                sendState(g, LinkWire.ALIVE, GROUP);
                lines.accept("link: now also on " + c.nif().getName() + " " + c.address().getHostAddress());
            } catch (IOException | RuntimeException e) {
                // not usable now (no multicast route yet): the next rescan tries again
            }
        }
    }

    private static boolean listed(List<Candidate> found, String nif, InetAddress address) {
        for (Candidate c : found) if (c.nif().getName().equals(nif) && c.address().equals(address)) return true;
        return false;
    }

    private void leaveGroup(NetworkInterface nif) {
        MembershipKey k = memberships.remove(nif.getName());
        if (k != null) k.drop();
    }

    private void sendState(LinkGateway g, byte type, InetSocketAddress to) {
        LinkWire.peerState(out, type, TTL_SECONDS, nodeId, sessionId, timeline, startStop, g.addressBits(), g.measurementPort());
        send(g.discovery, to);
    }

    private void send(DatagramChannel ch, InetSocketAddress to) {
        try {
            ch.send(out, to);
        } catch (IOException e) {
            // the network went away or refuses: the next broadcast tries again
        }
    }

    private LinkGateway gatewayFor(InetAddress a) {
        for (LinkGateway g : gateways) if (g.reaches(a)) return g;
        for (LinkGateway g : gateways) {
            if (g.address.equals(a)) { // one of ours: this machine, answered on the loopback
                for (LinkGateway lo : gateways) if (lo.address.isLoopbackAddress()) return lo;
            }
        }
        return gateways.get(0);
    }

    private static InetAddress address(int bits) {
        byte[] b = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        try {
            return InetAddress.getByAddress(b);
        } catch (IOException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** Publishes the state and says, one line each, which peers came into the session or left it. */
    private void publish() {
        Set<Long> now = new HashSet<>();
        for (LinkPeer p : peers.values()) if (p.sessionId() == sessionId) now.add(p.nodeId());
        if (state != null) {
            for (long id : now) if (!reported.contains(id)) lines.accept(peerLine("joined", now.size()));
            for (long id : reported) if (!now.contains(id)) lines.accept(peerLine("left", now.size()));
        }
        reported.clear();
        reported.addAll(now);
        state = new LinkState(nodeId, sessionId, timeline, xform, startStop, startStopSync, now.size(), applied, dropped, refused, clamped);
    }

    private String peerLine(String what, int count) {
        return String.format(Locale.ROOT, "link: a peer %s the session (%d other peer%s, %.2f bpm)", what, count,
                count == 1 ? "" : "s", timeline.bpm());
    }

    /** Eight printable ASCII bytes, as the reference library makes its node ids. */
    private static long randomId() {
        SecureRandom r = new SecureRandom();
        long id = 0;
        for (int i = 0; i < 8; i++) id = id << 8 | (33 + r.nextInt(94));
        return id;
    }
}
