package dev.sonora.repl.link.net;

import java.net.InetSocketAddress;

/**
 * Another node as its last discovery message described it: its session, timeline, start/stop,
 * where it answers pings, which of our gateways heard it, and when it expires (its time to
 * live after that message). Network thread.
 */
record LinkPeer(long nodeId, long sessionId, Timeline timeline, StartStop startStop, InetSocketAddress measurement,
                LinkGateway gateway, long expiresNanos) {
}
