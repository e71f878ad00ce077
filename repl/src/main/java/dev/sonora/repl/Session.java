package dev.sonora.repl;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.StartTrace;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;

/**
 * A running front end: the server, the Lang loop and the JS host. The JS context starts
 * building on the Lang thread the moment the session is made, in parallel with whatever the
 * caller does next (opening the audio device, showing the prompt): the first task on the
 * loop, so everything queued after it simply waits for it. Controlling thread.
 */
final class Session implements AutoCloseable {
    final Server server;
    final LangLoop lang;
    private final CompletableFuture<JsHost> host;

    Session(ServerOptions options, Output output) {
        this.server = new Server(options);
        StartTrace.mark("server built");
        this.lang = new LangLoop();
        this.host = lang.submit(() -> JsHost.create(server, lang, output, Features.all()));
    }

    /** The JS host; waits for it. Throws if the context could not be built. */
    JsHost host() {
        try {
            return host.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Completes when the JS context is built (or failed to build). */
    CompletableFuture<JsHost> hostFuture() {
        return host;
    }

    boolean hostReady() {
        return host.isDone() && !host.isCompletedExceptionally();
    }

    /** Runs {@code c} on the Lang loop and waits for it; its exception is rethrown as is. */
    <T> T call(Callable<T> c) throws Exception {
        try {
            return lang.submit(c).get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof Exception x) throw x;
            if (t instanceof Error x) throw x;
            throw e;
        }
    }

    @Override
    public void close() {
        if (host.isDone() && !host.isCompletedExceptionally()) {
            JsHost h = host.join();
            h.interrupt(); // whatever still runs (a stuck callback) must not hold the exit
            try {
                lang.submit(() -> {
                    h.close();
                    return null;
                }).get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing: nothing left to tell
            }
        }
        lang.close();
        server.close();
    }
}
