package dev.sonora.server;

import java.util.ArrayList;
import java.util.List;

import dev.sonora.server.driver.MemoryOut;
import dev.sonora.server.driver.OfflineDriver;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.SynthDef;

/**
 * A server on the offline driver, driven by the test thread (which is its NRT owner), with
 * the output captured in memory and every notification recorded.
 */
public final class Rig implements AutoCloseable {
    public final Server server;
    public final OfflineDriver driver;
    public final MemoryOut out;
    public final List<String> errors = new ArrayList<>();
    public final List<NodeRef> ended = new ArrayList<>();

    public Rig(ServerOptions options, int captureFrames) {
        server = new Server(options);
        out = new MemoryOut(captureFrames);
        driver = new OfflineDriver(server, out);
        server.addListener(new ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
                ended.add(node);
            }

            @Override
            public void error(String message) {
                errors.add(message);
            }
        });
        driver.start();
    }

    public Rig() {
        this(ServerOptions.defaults(), 48000 * 4);
    }

    /** Renders n blocks, then completes returns as NRT would. */
    public void blocks(int n) {
        driver.advance(n);
        server.pollReturns();
    }

    public NodeRef playAt(String def, long time, Object... controls) {
        return playAt(server, def, time, controls);
    }

    /** Starts {@code def} at sample {@code time} on any server, with name/value control pairs. */
    public static NodeRef playAt(Server server, String def, long time, Object... controls) {
        String[] names = new String[controls.length / 2];
        float[] values = new float[controls.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = (String) controls[2 * i];
            values[i] = ((Number) controls[2 * i + 1]).floatValue();
        }
        return server.synth(def, names, values, AddAction.TAIL, server.defaultGroup(), time);
    }

    public NodeRef play(String def, Object... controls) {
        return playAt(def, Command.NOW, controls);
    }

    /** DC: a constant level {@code amp} (control) times {@code gate} (jumps), to both channels. */
    public void defineDc() {
        GraphBuilder b = new GraphBuilder();
        SynthDef d = b.build("dc", b.unit("mul", b.control("amp", 0.5), b.control("gate", 1)));
        server.addDef(d);
    }

    /** A short percussive sine that frees itself. */
    public void definePing() {
        definePing(server);
    }

    /** {@link #definePing()} on any server. */
    public static void definePing(Server server) {
        GraphBuilder b = new GraphBuilder();
        var env = b.unit("perc", b.control("attack", 0.001), b.control("release", 0.02));
        server.addDef(b.build("ping", b.unit("mul", b.unit("sine", b.control("freq", 440)),
                b.unit("mul", env, b.control("amp", 0.1)))));
    }

    @Override
    public void close() {
        driver.close();
        server.close();
    }
}
