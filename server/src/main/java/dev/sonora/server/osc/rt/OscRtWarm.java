package dev.sonora.server.osc.rt;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.SynthControl;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.rt.World;

/**
 * Performs each OSC command once on a scratch world, on the calling thread, so that the classes
 * are initialised and every call site in {@code performOnRt} is linked before the audio thread
 * first runs one (a first link allocates). Sender side, at OSC server start.
 */
public final class OscRtWarm {
    private OscRtWarm() {
    }

    public static void preload() {
        World w = new World(48000, 64, 16, 2, 4, new SpscArrayQueue<>(64), new RtStats());
        RtGroup g = new RtGroup(2);
        w.link(g, AddAction.HEAD, w.defaultGroup);
        RtGroup inner = new RtGroup(3);
        w.link(inner, AddAction.TAIL, g);
        RtSynth s = new RtSynth(4, "warm");
        s.install(new Ugen[0], new SynthControl[0]);
        w.link(s, AddAction.TAIL, inner);
        RtSynth s2 = new RtSynth(5, "warm");
        s2.install(new Ugen[0], new SynthControl[0]);
        w.link(s2, AddAction.TAIL, g);
        new QueryNode(0, 2, q -> { }).performOnRt(w);
        new QueryNode(0, 4, q -> { }).performOnRt(w);
        new QueryTree(0, 0, 16, q -> { }).performOnRt(w);
        ControlBuses.set(0, new int[] {0}, new float[] {1}).performOnRt(w);
        ControlBuses.get(0, new int[] {0}, q -> { }).performOnRt(w);
        new DeepFree(0, 2).performOnRt(w);
        MappedBus mapped = new MappedBus(0);
        mapped.offer(0.5f);
        new WriteMappedBus(mapped).performOnRt(w);
    }
}
