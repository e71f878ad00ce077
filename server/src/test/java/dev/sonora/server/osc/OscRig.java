package dev.sonora.server.osc;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sonora.server.Rig;
import dev.sonora.server.Server;
import dev.sonora.server.ServerListener;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.MemoryOut;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.synth.GraphBuilder;

/** A live server on the clocked null driver with an OSC server on a free port, and a UDP client. */
final class OscRig implements AutoCloseable {
    final Server server = new Server(ServerOptions.defaults());
    final MemoryOut out;
    final NullDriver driver;
    final OscServer osc;
    final DatagramSocket client;
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicBoolean quit = new AtomicBoolean();

    OscRig(int captureFrames) throws IOException {
        Rig.definePing(server);
        GraphBuilder b = new GraphBuilder();
        server.addDef(b.build("dc", b.unit("mul", b.control("amp", 0.5), b.control("gate", 1))));
        server.addListener(new ServerListener() {
            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        out = new MemoryOut(captureFrames);
        driver = new NullDriver(server, out, NullDriver.DEFAULT_BUFFER_FRAMES);
        driver.start();
        server.startNrtThread();
        osc = OscServer.start(server, 0, log::add, () -> quit.set(true));
        client = new DatagramSocket();
        client.setSoTimeout(3000);
        // wait for the first blocks, so the sample clock has a line
        long until = System.nanoTime() + 2_000_000_000L;
        while (server.sampleTime() < 4 * 1024 && System.nanoTime() < until) sleep(5);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void send(OscMessage m) throws IOException {
        send(OscCodec.encode(m));
    }

    void send(OscBundle b) throws IOException {
        send(OscCodec.encode(b));
    }

    void send(byte[] packet) throws IOException {
        client.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), osc.port()));
    }

    /** The next reply's bytes as they came, or null after the socket's timeout. */
    byte[] receiveRaw() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            client.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buf, p.getLength());
    }

    /** The next reply, or null after the socket's timeout. */
    OscMessage receive() throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            client.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        try {
            return (OscMessage) OscCodec.decode(buf, 0, p.getLength());
        } catch (OscFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** Replies up to the first one at {@code address} (which is returned); null on timeout. */
    OscMessage await(String address, List<OscMessage> before) throws IOException {
        while (true) {
            OscMessage m = receive();
            if (m == null || m.address().equals(address)) return m;
            if (before != null) before.add(m);
        }
    }

    OscMessage await(String address) throws IOException {
        return await(address, new ArrayList<>());
    }

    /** Sends {@code /sync id} and waits for {@code /synced id}: everything sent before has been taken. */
    List<OscMessage> sync() throws IOException {
        send(OscMessage.of("/sync", 77));
        List<OscMessage> before = new ArrayList<>();
        OscMessage m = await("/synced", before);
        if (m == null) throw new AssertionError("no /synced");
        return before;
    }

    @Override
    public void close() {
        client.close();
        osc.close();
        driver.close();
        server.close();
    }
}
