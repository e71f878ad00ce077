package dev.sonora.repl.lang;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sonora.server.Server;

/**
 * The parts of the JS API that live in their own files: for each name, a Java bridge object
 * (exported to the prelude as {@code __NAME}, {@code @HostAccess.Export} methods only) and a
 * resource {@code prelude-NAME.js} that builds the API on it and on {@code __prelude} (the main
 * prelude's internals). They run in this order, after the main prelude, on the Lang thread.
 */
final class Extensions {
    /** Makes an extension's bridge object. Lang thread, while the context is built. */
    @FunctionalInterface
    interface Factory {
        Object create(Server server, LangLoop lang, Output output, JsHost host);
    }

    static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        // tempo clock and loops, samples and recording, MIDI: prelude-time.js, -samples.js, -midi.js
        ALL.put("time", (server, lang, output, host) -> new dev.sonora.repl.time.TimeBridge(server, lang, output));
        ALL.put("samples", dev.sonora.repl.samples.SamplesBridge::new);
        ALL.put("midi", dev.sonora.repl.midi.MidiBridge::new);
    }

    private Extensions() {
    }
}
