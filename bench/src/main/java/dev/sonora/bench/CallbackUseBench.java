package dev.sonora.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.sonora.server.callback.CallbackSlot;

/**
 * The audio thread's side of a callback slot, alone (seed rt_thread_cb: "use, no listener" and
 * "use, listener, nothing pending"): nanoseconds per {@code use}. The callback adds one to a
 * counter. {@code baselineVolatileCheck} is the floor: one volatile read of a null field, what
 * "do almost nothing when no one listens" can cost at best.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallbackUseBench {
    @Param({"spinlock", "spinlock-selfset", "spsc", "trap", "overwrite"})
    public String strategy;

    CallbackSlot<long[]> empty;
    CallbackSlot<long[]> listening;
    final long[] payload = new long[1];
    volatile Consumer<long[]> none;

    @Setup(Level.Trial)
    public void setUp() {
        empty = CallbackSlots.make(strategy);
        listening = CallbackSlots.make(strategy);
        if (!listening.register(x -> x[0]++)) throw new IllegalStateException("register refused");
        listening.use(payload); // takes the pending registration: from now on nothing is pending
    }

    @Benchmark
    public boolean useNoListener() {
        return empty.use(payload);
    }

    @Benchmark
    public boolean useListenerNothingPending() {
        return listening.use(payload);
    }

    @Benchmark
    public boolean baselineVolatileCheck() {
        return none != null;
    }
}
