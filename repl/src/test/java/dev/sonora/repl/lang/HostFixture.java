package dev.sonora.repl.lang;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import dev.sonora.repl.Features;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.MemoryOut;
import dev.sonora.server.driver.OfflineDriver;

/**
 * A JS host on a server driven offline, for tests: evaluate code on the Lang loop, render
 * blocks in virtual time (the Lang thread is the NRT owner, as in --render), read what was
 * printed. One per test class: a context takes a second or two to build.
 */
public final class HostFixture implements AutoCloseable {
    public final Server server = new Server(ServerOptions.defaults());
    public final LangLoop lang = new LangLoop();
    public final List<String> out = new CopyOnWriteArrayList<>();
    public final List<String> err = new CopyOnWriteArrayList<>();
    public final MemoryOut audio = new MemoryOut(48000 * 20);
    public final JsHost host;
    private final OfflineDriver driver = new OfflineDriver(server, audio);

    public HostFixture() throws Exception {
        Output o = new Output() {
            @Override
            public void out(String text) {
                // the kit's boot progress line arrives whenever loading ends; tests read their own output
                if (!text.startsWith("samples: ")) out.add(text);
            }

            @Override
            public void err(String text) {
                err.add(text);
            }
        };
        host = lang.submit(() -> JsHost.create(server, lang, o, Features.all())).get();
        driver.start();
    }

    /** Evaluates a REPL entry; returns what the REPL would print (null for nothing). */
    public String eval(String code) throws Exception {
        try {
            return lang.submit(() -> host.evalRepl(code)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UserError u) throw u;
            throw e;
        }
    }

    /** Evaluates code that must fail; returns the one-line report. */
    public String error(String code) throws Exception {
        try {
            String r = eval(code);
            throw new AssertionError("expected an error from " + code + ", got " + r);
        } catch (UserError e) {
            return e.getMessage();
        }
    }

    /** Renders {@code blocks} blocks, completing returns and running callbacks between them. */
    public void advance(int blocks) throws Exception {
        lang.submit(() -> {
            for (int i = 0; i < blocks; i++) {
                driver.advance(1);
                server.pollReturns();
                lang.runPending();
            }
            return null;
        }).get();
    }

    /** Renders block by block until {@code beat} (at {@code samplesPerBeat}) has been rendered; nothing if it has. */
    public void advanceToBeat(double beat, double samplesPerBeat) throws Exception {
        int blocks = (int) Math.ceil((beat * samplesPerBeat - audio.frames()) / 64);
        if (blocks > 0) advance(blocks);
    }

    /**
     * Renders {@code blocks} blocks and completes their returns, then evaluates {@code code}, with no
     * Lang tick between them: a line typed the moment the audio thread has made room.
     */
    public String evalAfterRendering(int blocks, String code) throws Exception {
        return lang.submit(() -> {
            driver.advance(blocks);
            server.pollReturns();
            return host.evalRepl(code);
        }).get();
    }

    @Override
    public void close() throws Exception {
        lang.submit(() -> {
            host.close();
            return null;
        }).get();
        driver.close();
        lang.close();
        server.close();
    }
}
