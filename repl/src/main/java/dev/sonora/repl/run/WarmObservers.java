package dev.sonora.repl.run;

import java.util.ArrayList;
import java.util.List;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.observe.MeterTap;
import dev.sonora.server.observe.ScopeTap;
import dev.sonora.server.observe.TapSource;

/**
 * Meters and a scope of every kind (the output, a bus, the warm-up synth as a node) that run
 * during the warm-up, drained by the controlling thread, and are then removed: the audio
 * thread's observer path is then loaded and compiled before allocation counting starts, rather
 * than when a script first meters something (a compilation triggered on the audio thread can
 * leave a burst of JVM Strings there). Controlling thread.
 */
final class WarmObservers {
    private final Server server;
    private final List<Integer> slots = new ArrayList<>();
    private final List<MeterTap> meters = new ArrayList<>();
    private final List<ScopeTap> scopes = new ArrayList<>();
    private final float[] left;
    private final float[] right;
    private final MeterTap.Reader ignore = (t, pl, pr, rl, rr) -> { };

    private WarmObservers(Server server, int scopeLength) {
        this.server = server;
        this.left = new float[scopeLength];
        this.right = new float[scopeLength];
    }

    /** Starts them; {@code node} (or null) is also metered and scoped as a node. */
    static WarmObservers start(Server server, NodeRef node) {
        int bs = server.blockSize();
        int window = Math.max(bs, server.sampleRate() / 100); // short windows: every path runs often
        WarmObservers w = new WarmObservers(server, window);
        w.meter(new MeterTap(TapSource.out(), bs, window));
        w.meter(new MeterTap(TapSource.bus(Math.min(16, server.options().audioBuses() - 1), true), bs, window));
        w.scope(new ScopeTap(TapSource.out(), bs, window, window));
        if (node != null) {
            try {
                w.meter(new MeterTap(server.nodeTapSource(node, 0), bs, window));
                w.scope(new ScopeTap(server.nodeTapSource(node, 0), bs, window, window));
            } catch (ServerException e) {
                // the warm-up synth could not start: the other taps still warm the path
            }
        }
        return w;
    }

    private void meter(MeterTap t) {
        slots.add(server.observers().add(t));
        meters.add(t);
    }

    private void scope(ScopeTap t) {
        slots.add(server.observers().add(t));
        scopes.add(t);
    }

    /** Takes what they measured, so the audio thread runs its normal path rather than a full ring's. */
    void drain() {
        for (MeterTap m : meters) m.drain(ignore);
        for (ScopeTap s : scopes) s.takeFrame(left, right);
    }

    void stop() {
        for (int slot : slots) server.observers().remove(slot);
        slots.clear();
    }
}
