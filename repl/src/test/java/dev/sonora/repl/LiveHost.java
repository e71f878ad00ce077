package dev.sonora.repl;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.rt.AudioOut;

/**
 * A server playing live on the clocked null driver with a JS host on its Lang loop, for the
 * real-time tests: what the host prints to the error stream is kept in {@link #errors}.
 * Made and closed by the test thread.
 */
public final class LiveHost implements AutoCloseable {
    public final Server server = new Server(ServerOptions.defaults());
    public final LangLoop lang = new LangLoop();
    public final List<String> printed = new CopyOnWriteArrayList<>();
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final JsHost host;
    public final NullDriver driver;

    /** Boots the host, then starts the NRT thread and the null driver with {@code out} and {@code bufferFrames}. */
    public LiveHost(AudioOut out, int bufferFrames) throws Exception {
        Output o = new Output() {
            @Override
            public void out(String text) {
                printed.add(text);
            }

            @Override
            public void err(String text) {
                errors.add(text);
            }
        };
        host = lang.submit(() -> JsHost.create(server, lang, o, Features.all())).get();
        driver = new NullDriver(server, out, bufferFrames);
        server.startNrtThread();
        driver.start();
    }

    /** Evaluates {@code code} on the Lang loop and returns what the REPL would print. */
    public String eval(String code, String name) throws Exception {
        return lang.submit(() -> host.evalCode(code, name)).get();
    }

    /** Runs {@code task} on the Lang loop. */
    public <T> T onLang(Callable<T> task) throws Exception {
        return lang.submit(task).get();
    }

    @Override
    public void close() throws Exception {
        driver.close();
        lang.submit(() -> {
            host.close();
            return null;
        }).get();
        lang.close();
        server.close();
    }
}
