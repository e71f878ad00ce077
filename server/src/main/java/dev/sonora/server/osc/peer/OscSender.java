package dev.sonora.server.osc.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.sonora.server.outbound.OutboundQueue;

/**
 * Sends OSC packets to other programs over UDP ({@code osc.send}), each at its instant, from the
 * {@link OutboundQueue} thread {@code sonora-osc-out}, so a message from a loop leaves when its
 * sample plays and a host name is looked up off the Lang thread. A host that cannot be found or a
 * send that fails is one line (once per host until a send there works again) and the rest goes on.
 *
 * <p>{@link #send} from Lang (any non-audio thread); the socket only on the queue's thread.
 */
public final class OscSender implements AutoCloseable {
    /** The most a UDP datagram can carry over IPv4. */
    public static final int MAX_PACKET = 65507;

    private final DatagramSocket socket;
    private final OutboundQueue queue;
    private final Consumer<String> report;
    private final Map<String, InetAddress> hosts = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile long sent;
    private volatile long failed;

    public OscSender(Consumer<String> report) {
        this.report = report;
        try {
            this.socket = new DatagramSocket();
        } catch (SocketException e) {
            throw new IllegalStateException("osc: no UDP socket (" + e.getMessage() + ")", e);
        }
        this.queue = new OutboundQueue("sonora-osc-out", e -> report.accept("osc.send: " + e.getMessage()));
    }

    /** Queues {@code packet} for {@code host:port} at {@code dueNanos} ({@link System#nanoTime()}; the past: at once). */
    public void send(String host, int port, byte[] packet, long dueNanos, String what) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("osc.send: ports are 1..65535, got " + port);
        if (packet.length > MAX_PACKET) throw new IllegalArgumentException("osc.send: " + what + " is " + packet.length + " bytes, more than a UDP packet carries (" + MAX_PACKET + ")");
        queue.at(dueNanos, this, () -> sendNow(host, port, packet, what));
    }

    private void sendNow(String host, int port, byte[] packet, String what) {
        try {
            InetAddress address = hosts.get(host);
            if (address == null) {
                address = InetAddress.getByName(host);
                hosts.put(host, address);
            }
            socket.send(new DatagramPacket(packet, packet.length, address, port));
            sent++;
            reported.remove(host);
        } catch (UnknownHostException e) {
            fail(host, "osc.send: unknown host '" + host + "'; " + what + " and what follows to it are dropped");
        } catch (IOException | RuntimeException e) {
            fail(host, "osc.send to " + host + ":" + port + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "; " + what + " was dropped");
        }
    }

    private void fail(String host, String line) {
        failed++;
        if (reported.add(host)) report.accept(line);
    }

    public long sent() {
        return sent;
    }

    public long failed() {
        return failed;
    }

    /** Packets waiting for their instant. */
    public int pending() {
        return queue.pending();
    }

    @Override
    public void close() {
        queue.close();
        socket.close();
    }
}
