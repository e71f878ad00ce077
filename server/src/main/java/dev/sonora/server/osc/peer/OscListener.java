package dev.sonora.server.osc.peer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

import dev.sonora.server.osc.OscBundle;
import dev.sonora.server.osc.OscCodec;
import dev.sonora.server.osc.OscFormatException;
import dev.sonora.server.osc.OscMessage;

/**
 * One UDP port scripts listen on ({@code osc.listen(port)}): a receive thread
 * {@code sonora-osc-in-PORT} decodes each packet (a bundle's messages one by one, at once, each
 * with its bundle's time tag for the {@link Handler} to honour), applies the direct
 * {@link BusMappings} (at once, whatever the tag) and hands every message to the {@link Handler}. A
 * packet that does not decode is counted, never thrown.
 *
 * <p>Made and closed from Lang; everything else on its receive thread.
 */
public final class OscListener implements AutoCloseable {
    /** Gets each message on the receive thread: copy what you keep, do not block. */
    @FunctionalInterface
    public interface Handler {
        /** {@code timeTag}: the NTP time tag of the innermost bundle it came in, {@link OscBundle#IMMEDIATELY} for a bare message. */
        void receive(OscMessage message, InetSocketAddress from, long timeTag);
    }

    private final DatagramSocket socket;
    private final BusMappings mappings;
    private final Handler handler;
    private final Thread thread;
    private volatile long received;
    private volatile long malformed;

    private OscListener(DatagramSocket socket, BusMappings mappings, Handler handler) {
        this.socket = socket;
        this.mappings = mappings;
        this.handler = handler;
        this.thread = new Thread(this::run, "sonora-osc-in-" + socket.getLocalPort());
        thread.setDaemon(true);
    }

    /** Binds {@code port} on every interface (0: any free port); one line when it cannot. */
    public static OscListener open(int port, BusMappings mappings, Handler handler) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("osc.listen: ports are 1..65535, got " + port);
        DatagramSocket s;
        try {
            s = new DatagramSocket(null);
            s.setReuseAddress(false);
            s.setReceiveBufferSize(1 << 20); // a controller's burst waits here while the thread hands on the last one
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalArgumentException("osc.listen(" + port + "): cannot listen there (" + e.getMessage() + "); is another program using the port?");
        }
        OscListener l = new OscListener(s, mappings, handler);
        l.thread.start();
        return l;
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void run() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            try {
                deliver(OscCodec.decode(buf, 0, p.getLength()), from, OscBundle.IMMEDIATELY);
            } catch (OscFormatException e) {
                malformed++;
            } catch (RuntimeException e) {
                malformed++; // a handler's bug must not end the receive thread
            }
        }
    }

    private void deliver(Object packet, InetSocketAddress from, long timeTag) {
        if (packet instanceof OscBundle b) {
            for (Object e : b.elements()) deliver(e, from, b.timeTag());
            return;
        }
        OscMessage m = (OscMessage) packet;
        received++;
        mappings.apply(m);
        handler.receive(m, from, timeTag);
    }

    /** Messages received so far. */
    public long received() {
        return received;
    }

    /** Packets that did not decode. */
    public long malformed() {
        return malformed;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
