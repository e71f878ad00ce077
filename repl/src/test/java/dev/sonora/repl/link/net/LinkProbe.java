package dev.sonora.repl.link.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tests' own ear and mouth on Link's loopback group, not a peer: it hears every node's
 * announcements (timeline, session, where it answers pings), measures one node's ghost clock
 * by pinging it directly, and sends whatever bytes a test wants (garbage, a fake peer).
 * Test thread plus one listening thread.
 */
public final class LinkProbe implements AutoCloseable {
    /** A node's last announcement. */
    public record Heard(long nodeId, long sessionId, Timeline timeline, InetSocketAddress measurement) {
    }

    private final DatagramChannel listen;
    private final DatagramChannel send;
    private final Map<Long, Heard> heard = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean open = true;

    public LinkProbe() throws IOException {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        listen = DatagramChannel.open(StandardProtocolFamily.INET);
        listen.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        listen.bind(new InetSocketAddress(LinkNode.PORT));
        listen.join(LinkNode.GROUP.getAddress(), lo);
        send = DatagramChannel.open(StandardProtocolFamily.INET);
        send.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
        send.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        send.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::listen, "link-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        ByteBuffer in = ByteBuffer.allocate(2048);
        while (open) {
            try {
                in.clear();
                listen.receive(in);
                in.flip();
                LinkWire.Announcement a = LinkWire.announcement(in);
                if (a != null && a.type() != LinkWire.BYEBYE && a.timeline() != null) {
                    InetSocketAddress mep = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) (a.mepAddress() >>> 24),
                            (byte) (a.mepAddress() >>> 16), (byte) (a.mepAddress() >>> 8), (byte) a.mepAddress()}), a.mepPort());
                    heard.put(a.nodeId(), new Heard(a.nodeId(), a.sessionId(), a.timeline(), mep));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The last announcement of a node other than {@code notNode}, or null. */
    public Heard other(long notNode) {
        for (Heard h : heard.values()) if (h.nodeId() != notNode) return h;
        return null;
    }

    public Heard node(long id) {
        return heard.get(id);
    }

    /**
     * Host (nanoTime µs) to that node's ghost time, by 40 pings of our own: the node's ghost time
     * minus the midpoint of each round trip, the median of the quickest quarter.
     */
    public double ghostOffsetMicros(InetSocketAddress measurement) throws IOException, InterruptedException {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ch.configureBlocking(false);
            ByteBuffer out = ByteBuffer.allocate(64);
            ByteBuffer in = ByteBuffer.allocate(2048);
            double[] d = new double[40];
            double[] trips = new double[40];
            int n = 0;
            for (int tries = 0; n < d.length && tries < 400; tries++) {
                long sent = System.nanoTime() / 1000;
                LinkWire.ping(out, sent, 0);
                ch.send(out, measurement);
                long deadline = System.nanoTime() + 50_000_000L;
                SocketAddress from = null;
                while (from == null && System.nanoTime() < deadline) {
                    in.clear();
                    from = ch.receive(in);
                    if (from == null) Thread.onSpinWait();
                }
                long got = System.nanoTime() / 1000;
                if (from == null) continue;
                in.flip();
                if (LinkWire.measurementType(in) != LinkWire.PONG) continue;
                LinkWire.Pong p = LinkWire.pong(in);
                if (p == null || p.hostTime() != sent) continue;
                trips[n] = got - sent;
                d[n++] = p.ghostTime() - (sent + got) * 0.5;
            }
            if (n == 0) throw new IOException("no pong from " + measurement + " (heard: " + heard + ")");
            return LinkMeasurement.shortestTripsMedian(d, trips, n);
        }
    }

    /** Sends {@code bytes} to {@code to} (the group, or a node's measurement socket). */
    public void send(byte[] bytes, InetSocketAddress to) throws IOException {
        send.send(ByteBuffer.wrap(bytes), to);
    }

    public static InetSocketAddress group() {
        return LinkNode.GROUP;
    }

    /** An alive message of a made-up peer in session {@code session} with this timeline. */
    public static byte[] alive(long node, long session, Timeline tl) {
        ByteBuffer b = ByteBuffer.allocate(LinkWire.MAX_MESSAGE);
        LinkWire.peerState(b, LinkWire.ALIVE, 5, node, session, tl, StartStop.NONE, 0x7f000001, 9);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws IOException {
        open = false;
        listen.close();
        send.close();
    }
}
