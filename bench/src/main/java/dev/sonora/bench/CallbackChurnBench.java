package dev.sonora.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.sonora.server.callback.CallbackSlot;

/**
 * Both sides at once (seed rt_thread_cb: "use during set/unset" and "set/unset while the
 * consumer does light / heavy work"): one thread calls {@code use} back to back, another
 * registers and unregisters. {@code churn:use} is ns per use while changes arrive;
 * {@code churn:setUnset} is ns per register+unregister pair. The callback burns
 * {@code work} JMH tokens ({@code Blackhole.consumeCPU}): 0 = light, 1000 ≈ a few µs = heavy.
 * A register the strategy refuses (a full trap or ring) still counts as one operation.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallbackChurnBench {
    @Param({"spinlock", "spinlock-selfset", "spsc", "trap", "overwrite"})
    public String strategy;

    @Param({"0", "1000"})
    public int work;

    CallbackSlot<long[]> slot;
    java.util.function.Consumer<long[]> callback;

    @Setup(Level.Trial)
    public void setUp() {
        slot = CallbackSlots.make(strategy);
        int w = work;
        callback = x -> {
            x[0]++;
            if (w > 0) Blackhole.consumeCPU(w);
        };
    }

    @State(Scope.Thread)
    public static class Payload {
        final long[] v = new long[1];
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public boolean use(Payload p) {
        return slot.use(p.v);
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public boolean setUnset() {
        boolean ok = slot.register(callback);
        slot.unregister();
        return ok;
    }
}
