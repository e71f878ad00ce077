/**
 * Ableton Link in Sonora: the JS API's bridge ({@code link()}, {@code link.startStop}) and the
 * follower that steers the tempo clock to the session's timeline (tempo, and beat phase at the
 * quantum, at the moment the sound leaves the speakers), or, alone, makes the session follow
 * the clock. The protocol itself is in {@code link.net}.
 *
 * <p>Thread rule: Lang thread; the network thread is reached only through {@code LinkNode}'s
 * non-blocking requests and its published state.
 */
package dev.sonora.repl.link;
