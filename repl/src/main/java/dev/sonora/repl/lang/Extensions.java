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
public final class Extensions {
    /** Makes an extension's bridge object. Lang thread, while the context is built. */
    @FunctionalInterface
    public interface Factory {
        Object create(Server server, LangLoop lang, Output output, JsHost host);
    }

    /**
     * A bridge object that began work in parallel while its module loaded (the sample kit's
     * decoding on the Disk thread): JsHost calls {@link #settle} once every extension has loaded,
     * before any script runs, so that work overlaps the rest of the prelude instead of holding it
     * up. Lang thread.
     */
    public interface Settling {
        void settle();
    }

    private final Map<String, Factory> byName = new LinkedHashMap<>();

    /**
     * Adds an extension, loaded after the ones before it. The list is made above this package
     * (the session's {@code Features}), so the language layer names no feature package.
     */
    public Extensions with(String name, Factory factory) {
        byName.put(name, factory);
        return this;
    }

    Map<String, Factory> all() {
        return byName;
    }
}
