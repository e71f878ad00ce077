package dev.sonora.server.osc;

/**
 * Where a packet came from and where its replies go: a UDP address, or one TCP connection.
 * {@link #send} never throws (a reply that cannot be sent is dropped and counted by the
 * server). Receive thread and NRT.
 */
interface OscPeer {
    void send(byte[] packet);

    /** Stable identity for the notification list: {@code udp:host:port} or {@code tcp#n}. */
    String key();
}
