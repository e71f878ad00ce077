package dev.sonora.server.osc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.sonora.server.Server;
import dev.sonora.server.osc.rt.OscRtWarm;
import dev.sonora.server.rt.Command;

/**
 * An OSC server in scsynth's dialect on one port, UDP and TCP ({@code --osc PORT}). See
 * {@link ScsynthCommands} for the commands and how client node ids map to Sonora's.
 *
 * <p>Threads: {@code sonora-osc-udp} receives datagrams; {@code sonora-osc-tcp} accepts
 * connections and each connection has its own {@code sonora-osc-tcp-N} reader (frames of a
 * 32-bit big-endian length then the packet, as scsynth's TCP). A reader decodes, turns a bundle's
 * time tag into a sample time ({@link OscTime}) and calls the façade; replies go out from that
 * thread, or from NRT for replies that wait for the audio thread. Nothing here runs on the audio
 * thread, which only ever sees the commands the façade builds.
 */
public final class OscServer implements AutoCloseable {
    /** The largest TCP frame taken; a longer one is skipped and counted. UDP is bounded by the datagram. */
    public static final int MAX_PACKET = 1 << 20;

    private final Server server;
    private final Consumer<String> log;
    private final OscStats stats = new OscStats();
    private final ScsynthCommands commands;
    private final DatagramChannel udp;
    private final ServerSocket tcp;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closing;
    private long lastDropLog;

    private OscServer(Server server, DatagramChannel udp, ServerSocket tcp, Consumer<String> log, Runnable onQuit) {
        this.server = server;
        this.udp = udp;
        this.tcp = tcp;
        this.log = log;
        this.commands = new ScsynthCommands(server, stats, log, onQuit);
        server.addListener(commands);
    }

    /**
     * Opens UDP and TCP on {@code port} (0: any free port, the same for both) on all interfaces
     * and starts the receive threads. {@code log} gets one-line reports (dropped packets,
     * {@code /dumpOSC}); {@code onQuit} runs on a receive thread after {@code /quit} is answered.
     */
    public static OscServer start(Server server, int port, Consumer<String> log, Runnable onQuit) throws IOException {
        OscRtWarm.preload();
        DatagramChannel udp = null;
        ServerSocket tcp = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            udp = DatagramChannel.open();
            try {
                // a client's burst (a whole set's commands at once) waits in the kernel while this
                // thread is descheduled; a small buffer would drop packets there, silently
                udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                udp.bind(new InetSocketAddress(port));
                int bound = ((InetSocketAddress) udp.getLocalAddress()).getPort();
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(bound));
                break;
            } catch (IOException e) {
                udp.close();
                if (tcp != null) tcp.close();
                tcp = null;
                if (port != 0 || attempt == 19) throw new IOException("--osc " + port + ": " + e.getMessage(), e);
            }
        }
        OscServer s = new OscServer(server, udp, tcp, log, onQuit);
        s.startThread("sonora-osc-udp", s::udpLoop);
        s.startThread("sonora-osc-tcp", s::acceptLoop);
        return s;
    }

    public int port() {
        return tcp.getLocalPort();
    }

    public OscStats stats() {
        return stats;
    }

    private void startThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    // ---- UDP ----

    private void udpLoop() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (!closing) {
            try {
                buf.clear();
                SocketAddress from = udp.receive(buf);
                if (from == null) continue;
                buf.flip();
                byte[] packet = new byte[buf.remaining()];
                buf.get(packet);
                handle(packet, packet.length, new UdpPeer(from));
            } catch (IOException e) {
                if (closing) return;
                drop("UDP receive failed: " + e.getMessage());
            }
        }
    }

    private final class UdpPeer implements OscPeer {
        private final SocketAddress address;

        UdpPeer(SocketAddress address) {
            this.address = address;
        }

        @Override
        public void send(byte[] packet) {
            try {
                udp.send(ByteBuffer.wrap(packet), address);
            } catch (IOException e) {
                stats.replyErrors.increment();
            }
        }

        @Override
        public String key() {
            return "udp:" + address;
        }
    }

    // ---- TCP ----

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket s = tcp.accept();
                s.setTcpNoDelay(true);
                connections.add(s);
                int n = connectionCount.incrementAndGet();
                startThread("sonora-osc-tcp-" + n, () -> tcpLoop(s, n));
            } catch (IOException e) {
                if (closing) return;
                drop("TCP accept failed: " + e.getMessage());
            }
        }
    }

    private void tcpLoop(Socket socket, int n) {
        TcpPeer peer;
        try {
            peer = new TcpPeer(socket.getOutputStream(), n);
        } catch (IOException e) {
            connections.remove(socket);
            return;
        }
        try (socket; DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()))) {
            while (!closing) {
                int size = in.readInt();
                if (size <= 0 || size > MAX_PACKET) {
                    // an oversized frame is skipped whole (the stream stays in step); a negative one ends the connection
                    if (size <= 0) {
                        drop("TCP frame of " + size + " bytes: connection closed");
                        return;
                    }
                    in.skipNBytes(size);
                    drop("TCP frame of " + size + " bytes is over the " + MAX_PACKET + "-byte limit: dropped");
                    continue;
                }
                byte[] packet = new byte[size];
                in.readFully(packet);
                handle(packet, size, peer);
            }
        } catch (EOFException e) {
            // the client closed; a frame cut short by the close is simply not performed
        } catch (SocketException e) {
            // closed under us (close(), or the client reset)
        } catch (IOException e) {
            if (!closing) drop("TCP connection " + n + ": " + e.getMessage());
        } finally {
            connections.remove(socket);
            commands.forget(peer);
        }
    }

    private final class TcpPeer implements OscPeer {
        private final OutputStream out;
        private final int n;

        TcpPeer(OutputStream out, int n) {
            this.out = out;
            this.n = n;
        }

        @Override
        public void send(byte[] packet) {
            try {
                synchronized (this) {
                    byte[] frame = new byte[4 + packet.length];
                    ByteBuffer.wrap(frame).putInt(packet.length).put(packet);
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                stats.replyErrors.increment();
            }
        }

        @Override
        public String key() {
            return "tcp#" + n;
        }
    }

    // ---- packets ----

    /** Decodes one packet and performs it; a bad packet is one counted drop, never an exception. */
    void handle(byte[] packet, int length, OscPeer from) {
        stats.packets.increment();
        Object p;
        try {
            p = OscCodec.decode(packet, 0, length);
        } catch (OscFormatException e) {
            drop("dropped a packet from " + from.key() + ": " + e.getMessage());
            return;
        }
        perform(p, Command.NOW, from);
    }

    private void perform(Object p, long time, OscPeer from) {
        if (p instanceof OscMessage m) {
            stats.messages.increment();
            commands.perform(m, time, from);
            return;
        }
        OscBundle b = (OscBundle) p;
        long t = time;
        if (b.timeTag() != OscBundle.IMMEDIATELY) {
            boolean[] late = new boolean[1];
            t = OscTime.sampleOf(server, b.timeTag(), late);
            if (late[0]) stats.late.increment();
        }
        for (Object e : b.elements()) perform(e, t, from);
    }

    private void drop(String message) {
        stats.dropped.increment();
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastDropLog < 1_000_000_000L && lastDropLog != 0) return; // at most one line a second
            lastDropLog = now;
        }
        log.accept("osc: " + message);
    }

    @Override
    public void close() {
        closing = true;
        try {
            udp.close();
        } catch (IOException e) {
            // closing
        }
        try {
            tcp.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
