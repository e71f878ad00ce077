package dev.sonora.repl.link.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * The node's presence on one IPv4 interface: a socket that sends this node's state to the
 * multicast group (and gets the unicast responses), and the socket that answers and sends
 * pings. As in the reference library, multicast loops back to this machine only on the loopback
 * interface: peers on one machine find each other there. Network thread (opened by the starter).
 */
final class LinkGateway implements AutoCloseable {
    final NetworkInterface nif;
    final Inet4Address address;
    final int prefix;
    final DatagramChannel discovery;
    final DatagramChannel measurement;

    LinkGateway(NetworkInterface nif, Inet4Address address, int prefix) throws IOException {
        this.nif = nif;
        this.address = address;
        this.prefix = prefix;
        DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET);
        DatagramChannel m = null;
        try {
            d.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            d.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, address.isLoopbackAddress());
            d.bind(new InetSocketAddress(address, 0));
            d.configureBlocking(false);
            m = DatagramChannel.open(StandardProtocolFamily.INET);
            m.bind(new InetSocketAddress(address, 0));
            m.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            d.close();
            if (m != null) m.close();
            throw e;
        }
        this.discovery = d;
        this.measurement = m;
    }

    int measurementPort() {
        try {
            return ((InetSocketAddress) measurement.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    int addressBits() {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** Whether a sender at {@code a} is best answered from here: the loopback for this machine, else the same network. */
    boolean reaches(InetAddress a) {
        if (!(a instanceof Inet4Address v4)) return false;
        if (address.isLoopbackAddress()) return a.isLoopbackAddress();
        byte[] x = v4.getAddress();
        byte[] y = address.getAddress();
        int bits = prefix;
        for (int i = 0; i < 4 && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((x[i] & mask) != (y[i] & mask)) return false;
        }
        return true;
    }

    @Override
    public void close() {
        try {
            discovery.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
        try {
            measurement.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
