package dev.sonora.repl.lang;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sonora.server.Server;

/**
 * The parts of the JS API with a Java side of their own: for each name, a Java bridge object
 * ({@code @HostAccess.Export} methods only) and the prelude module {@code prelude/NAME.mjs} that
 * builds the API on it, importing what it needs from the core modules ({@link JsHost#MODULES}).
 * JsHost loads them in this order, after the core, and hands each bridge to its module's
 * {@code connect}. Lang thread.
 */
final class Extensions {
    /** Makes an extension's bridge object. Lang thread, while the context is built. */
    @FunctionalInterface
    interface Factory {
        Object create(Server server, LangLoop lang, Output output, JsHost host);
    }

    static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        // tempo clock and loops, samples and recording, MIDI: time.mjs, samples.mjs, midi.mjs
        ALL.put("time", (server, lang, output, host) -> new dev.sonora.repl.time.TimeBridge(server, lang, output));
        ALL.put("samples", dev.sonora.repl.samples.SamplesBridge::new);
        ALL.put("midi", dev.sonora.repl.midi.MidiBridge::new);
        // patterns (mini-notation, pattern functions, pat): patterns.mjs, which plays them on time.mjs's clock
        ALL.put("patterns", (server, lang, output, host) -> new dev.sonora.repl.pattern.PatternBridge());
    }

    private Extensions() {
    }
}
