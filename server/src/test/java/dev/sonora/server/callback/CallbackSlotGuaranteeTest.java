package dev.sonora.server.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every strategy promises: a registered callback is called, an unregistered one never
 * again (a stress test that catches a slot which breaks it, shown on {@link UnguardedSlot}),
 * and {@code use} allocates nothing.
 */
class CallbackSlotGuaranteeTest {
    static java.util.List<String> strategies() {
        return Slots.names();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void registerCallsUnregisterStops(String name) {
        CallbackSlot<long[]> slot = Slots.make(name);
        long[] v = new long[1];
        assertFalse(slot.use(v), "nothing registered");
        assertTrue(slot.register(x -> x[0]++));
        assertTrue(slot.use(v));
        assertTrue(slot.use(v));
        assertEquals(2, v[0]);
        slot.unregister();
        assertFalse(slot.use(v));
        assertEquals(2, v[0]);
        assertTrue(slot.register(x -> x[0] += 10), "the slot takes a new callback after unregister");
        assertTrue(slot.use(v));
        assertEquals(12, v[0]);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void neverCalledOnceUnregisterHasReturned(String name) throws InterruptedException {
        UnregisterStress.Result r = UnregisterStress.run(Slots.make(name), 400, 15L);
        assertTrue(r.roundsCalled() > 0, "the stress reached the callbacks: " + r);
        assertTrue(r.holdsEntered() > 0, "some unregisters happened inside a call: " + r);
        assertEquals(0, r.violations(), name + ": a callback was called, or still running, after unregister returned: " + r);
    }

    @Test
    void theStressTestCatchesASlotThatDoesNotWait() throws InterruptedException {
        UnregisterStress.Result r = UnregisterStress.run(new UnguardedSlot<>(), 200, 15L);
        assertTrue(r.holdsEntered() > 0, "some unregisters happened inside a call: " + r);
        assertTrue(r.violations() > 0, "the unguarded slot must be caught: " + r);
    }

    static long[] sink;

    @Test
    void theAllocationCounterSeesTheUsingThread() throws InterruptedException {
        TrapSlot<long[]> slot = new TrapSlot<>();
        slot.register(x -> sink = new long[16]);
        long[] bytes = new long[1];
        Thread audio = new Thread(() -> {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().threadId();
            long[] v = new long[1];
            for (int i = 0; i < 1000; i++) slot.use(v);
            mx.getThreadAllocatedBytes(id);
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) slot.use(v);
            bytes[0] = mx.getThreadAllocatedBytes(id) - before;
        });
        audio.start();
        audio.join();
        assertTrue(bytes[0] >= 1000 * 16 * 8, "a callback allocating 1000 arrays is seen: " + bytes[0]);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void useAllocatesNothing(String name) throws InterruptedException {
        CallbackSlot<long[]> slot = Slots.make(name);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong allocated = new AtomicLong(-1);
        long[] calls = new long[1];
        // made here, not on the measured thread: an array the JIT scalar-replaced there would be
        // re-allocated on that thread by a deoptimisation (seen: 88-592 B once in a while)
        long[] v = new long[1];
        Thread audio = new Thread(() -> {
            long id = Thread.currentThread().threadId();
            // warm-up (interpreter, then the JIT), until the registering thread has had its turns too
            for (long i = 0; i < 300_000 || v[0] < 1000; i++) slot.use(v);
            mx.getThreadAllocatedBytes(id);
            long calledBefore = v[0];
            long before = mx.getThreadAllocatedBytes(id);
            for (long i = 0; i < 300_000 || v[0] - calledBefore < 1000; i++) slot.use(v);
            long after = mx.getThreadAllocatedBytes(id);
            allocated.set(after - before);
            calls[0] = v[0] - calledBefore;
            stop.set(true);
        }, "alloc-audio");
        audio.start();
        // meanwhile: no listener, a listener, changes pending, replacements, unregisters
        int i = 0;
        while (!stop.get()) {
            switch (i++ % 4) {
                case 0, 1 -> slot.register(x -> x[0]++);
                case 2 -> Thread.onSpinWait();
                default -> slot.unregister();
            }
            for (int k = 0; k < 50; k++) Thread.onSpinWait();
        }
        audio.join();
        assertTrue(calls[0] >= 1000, "the callbacks were called in the measured window");
        assertEquals(0, allocated.get(), name + ": bytes allocated by the measured uses after warm-up");
    }
}
