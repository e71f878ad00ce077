package dev.sonora.repl.lang;

import java.util.concurrent.CompletableFuture;

import org.graalvm.polyglot.Engine;

/**
 * The GraalJS engine the JS context is built on. Building one takes a few hundred milliseconds
 * of class loading and option parsing that need nothing of Sonora's, so {@link #prestart} begins
 * it on a thread of its own the moment the process starts, while the command line is parsed and
 * the server is made; {@link #take} then hands it to the one context that uses it. Any thread.
 */
public final class JsEngine {
    private static CompletableFuture<Engine> early; // guarded by JsEngine.class

    private JsEngine() {
    }

    /** Starts building the engine now, once per process (the front end's main, before anything else). */
    public static synchronized void prestart() {
        if (early != null) return;
        CompletableFuture<Engine> f = new CompletableFuture<>();
        early = f;
        Thread t = new Thread(() -> {
            try {
                f.complete(build());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        }, "sonora-js-engine");
        t.setDaemon(true);
        t.start();
    }

    /** The pre-started engine (waiting for it), once; afterwards, or without {@link #prestart}, a new one. */
    static Engine take() {
        CompletableFuture<Engine> f;
        synchronized (JsEngine.class) {
            f = early;
            early = CompletableFuture.failedFuture(new IllegalStateException("taken")); // one context per engine made here
        }
        if (f != null) {
            try {
                return f.join();
            } catch (RuntimeException e) {
                // taken already, or it failed on its thread: build one here (a failure says why then)
            }
        }
        return build();
    }

    private static Engine build() {
        Engine engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        StartTrace.mark("JS engine built");
        return engine;
    }
}
