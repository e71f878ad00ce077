package dev.sonora.bench;

import java.util.concurrent.TimeUnit;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.sonora.server.observe.MeterTap;
import dev.sonora.server.observe.Observers;
import dev.sonora.server.observe.ScopeTap;
import dev.sonora.server.observe.TapSource;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.World;

/**
 * What observing costs the audio thread (issue 15): nanoseconds per 64-frame block of an engine
 * with an empty tree, with no observer (the engine's one volatile read of its observers field),
 * one meter on the output, one on the default group (the watched tree walk and its bus
 * difference), and a meter plus a scope on the output. The tap's reader is not drained: a meter
 * whose ring is full drops (counts) readings, which is the cheaper path, so each meter case
 * drains once per block like the status line would at its rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObserverBench {
    @Param({"none", "meterOut", "meterNode", "meterAndScopeOut"})
    public String observers;

    RtEngine engine;
    final DiscardOut out = new DiscardOut();
    MeterTap meter;
    ScopeTap scope;
    final float[] scopeLeft = new float[2400];
    final float[] scopeRight = new float[2400];
    long readings;
    final MeterTap.Reader count = (t, pl, pr, rl, rr) -> readings++;

    @Setup(Level.Trial)
    public void setUp() {
        World w = new World(48000, 64, 64, 16, 16, new SpscArrayQueue<>(256), new RtStats());
        engine = new RtEngine(w, new MpscArrayQueue<Command>(64), 64);
        Observers o = new Observers(engine);
        switch (observers) {
            case "none" -> { }
            case "meterOut" -> o.add(meter = new MeterTap(TapSource.out(), 64, 2400));
            case "meterNode" -> o.add(meter = new MeterTap(TapSource.node(w.defaultGroup, World.DEFAULT_GROUP, 0, 0, "g"), 64, 2400));
            case "meterAndScopeOut" -> {
                o.add(meter = new MeterTap(TapSource.out(), 64, 2400));
                o.add(scope = new ScopeTap(TapSource.out(), 64, 2400, 4800));
            }
            default -> throw new IllegalArgumentException(observers);
        }
    }

    @Benchmark
    public long block() {
        engine.renderBlock(out);
        if (meter != null) meter.drain(count);
        if (scope != null) scope.takeFrame(scopeLeft, scopeRight);
        return readings;
    }
}
