/**
 * Ableton Link's network protocol, written from the facts of the public reference library: peer
 * discovery over UDP multicast (224.76.78.75:20808, messages headed {@code _asdp_v1}), the
 * ping/pong measurement of the shared "ghost" clock over unicast ({@code _link_v1}), and the
 * session rules (which session wins, which timeline wins). Nothing here knows Sonora: the node
 * publishes an immutable {@link dev.sonora.repl.link.net.LinkState} and takes requests.
 *
 * <p>Thread rule: {@code LinkNode}'s own thread ({@code sonora-link}) owns the sockets, the peers
 * and the session; other threads only read the published state and post requests, which never
 * block. The value types ({@code Timeline}, {@code GhostXForm}, {@code StartStop}) are immutable.
 */
package dev.sonora.repl.link.net;
