package dev.sonora.repl.osc;

import dev.sonora.repl.lang.HandlerCall;
import dev.sonora.server.osc.peer.AddressPattern;

/**
 * One script handler ({@code osc.on(pattern, fn)}): its pattern and the call of the prelude's
 * adapter {@code (address, tags, values, host, port)}, which calls the user's function with
 * {@code (args, from, address)}. Errors and timeouts are the {@link HandlerCall}'s, as for MIDI
 * handlers. Lang thread only.
 */
final class JsOscHandler {
    final int id;
    final AddressPattern pattern;
    final HandlerCall call;

    JsOscHandler(int id, AddressPattern pattern, HandlerCall call) {
        this.id = id;
        this.pattern = pattern;
        this.call = call;
    }
}
