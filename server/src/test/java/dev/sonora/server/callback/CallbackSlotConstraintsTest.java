package dev.sonora.server.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** Each constraint the seed (rt_thread_cb) names, one test each, and each workaround. */
class CallbackSlotConstraintsTest {
    // ---- spin lock: a callback that sets its own slot deadlocks; the workaround does not ----

    @Test
    void plainSpinLockDeadlocksWhenTheCallbackSetsItself() throws Exception {
        SpinLockSlot<long[]> slot = SpinLockSlot.plain();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch useReturned = new CountDownLatch(1);
        Consumer<long[]> other = x -> x[0] += 100;
        slot.register(x -> {
            inside.countDown();
            slot.register(other); // spins for the lock this very thread holds
        });
        Thread audio = new Thread(() -> {
            slot.use(new long[1]);
            useReturned.countDown();
        }, "deadlock-audio");
        audio.setDaemon(true);
        audio.start();
        assertTrue(inside.await(60, TimeUnit.SECONDS), "the callback ran");
        // stuck: not returned after a while, and its stack is set() inside the callback inside use()
        assertFalse(useReturned.await(500, TimeUnit.MILLISECONDS), "use returned: no deadlock?");
        String stack = Arrays.toString(audio.getStackTrace());
        assertTrue(stack.contains("SpinLockSlot.set") && stack.contains("SpinLockSlot.use"),
                "spinning in set() under use(): " + stack);
        slot.breakLockForTest(); // end the deadlock so the suite goes on
        assertTrue(useReturned.await(60, TimeUnit.SECONDS), "freed");
        audio.join();
    }

    @Test
    void selfSetSafeSpinLockLetsTheCallbackReplaceAndRemoveItself() throws Exception {
        SpinLockSlot<long[]> slot = SpinLockSlot.selfSetSafe();
        long[] v = new long[1];
        Consumer<long[]> second = x -> {
            x[0] += 100;
            slot.unregister(); // removes itself
        };
        slot.register(x -> {
            x[0] += 1;
            slot.register(second); // replaces itself
        });
        assertTrue(runOnOtherThread(() -> slot.use(v)), "use returned");
        assertEquals(1, v[0]);
        assertTrue(runOnOtherThread(() -> slot.use(v)));
        assertEquals(101, v[0], "the replacement ran");
        assertTrue(runOnOtherThread(() -> slot.use(v)));
        assertEquals(101, v[0], "and then was gone");
    }

    @Test
    void lockFreeSlotsLetTheCallbackRemoveItselfWithoutWaitingForItself() throws Exception {
        TrapSlot<long[]> trap = new TrapSlot<>();
        long[] v = new long[1];
        trap.register(x -> {
            x[0]++;
            trap.unregister();
        });
        assertTrue(runOnOtherThread(() -> trap.use(v)), "no self-deadlock in the revocation wait");
        assertTrue(runOnOtherThread(() -> trap.use(v)));
        assertEquals(1, v[0]);
    }

    // ---- SPSC ring: drops a register when full; one producer thread ----

    @Test
    void spscRingDropsARegisterWhenFull() {
        SpscRingSlot<long[]> slot = new SpscRingSlot<>(4);
        int accepted = 0;
        while (slot.register(tag(accepted + 1))) {
            accepted++;
            assertTrue(accepted <= 64, "the ring never filled");
        }
        assertTrue(accepted >= 4, "holds its capacity: " + accepted);
        assertEquals(1, slot.dropped());
        long[] v = new long[1];
        assertTrue(slot.use(v));
        assertEquals(accepted, v[0], "the newest accepted registration is the one called, not the dropped one");
        assertTrue(slot.register(tag(1000)), "room again once the audio thread drained the ring");
        assertTrue(slot.use(v));
        assertEquals(1000, v[0]);
    }

    @Test
    void spscRingUnregisterHoldsEvenWhenTheRingIsFull() {
        SpscRingSlot<long[]> slot = new SpscRingSlot<>(4);
        while (slot.register(tag(7))) { /* fill */ }
        slot.unregister();
        long[] v = new long[1];
        assertFalse(slot.use(v), "everything queued was revoked");
        assertEquals(0, v[0]);
    }

    @Test
    void spscRingRefusesASecondProducerThread() throws Exception {
        singleProducerRefusesSecondThread(new SpscRingSlot<>(8));
    }

    // ---- trap: one register between two uses; any threads ----

    @Test
    void trapTakesOneRegisterBetweenUses() throws Exception {
        TrapSlot<long[]> slot = new TrapSlot<>();
        long[] v = new long[1];
        assertTrue(slot.register(tag(1)));
        assertFalse(slot.register(tag(2)), "the trap is full until the audio thread takes it");
        assertTrue(slot.use(v));
        assertEquals(1, v[0]);
        assertTrue(slot.register(tag(2)));
        assertTrue(slot.use(v));
        assertEquals(2, v[0]);
        // any thread may register
        AtomicReference<Boolean> fromOther = new AtomicReference<>();
        Thread t = new Thread(() -> fromOther.set(slot.register(tag(3))));
        t.start();
        t.join();
        assertEquals(Boolean.TRUE, fromOther.get());
        assertTrue(slot.use(v));
        assertEquals(3, v[0]);
        // unregister empties a trap holding what it revoked, so the next register gets in
        assertTrue(slot.register(tag(4)));
        slot.unregister();
        assertTrue(slot.register(tag(5)));
        assertTrue(slot.use(v));
        assertEquals(5, v[0]);
    }

    // ---- overwriting ring: keeps only the latest; one producer thread ----

    @Test
    void overwritingRingKeepsOnlyTheLatest() {
        OverwritingRingSlot<long[]> slot = new OverwritingRingSlot<>(4);
        long[] seen = new long[8];
        for (int i = 1; i <= 3; i++) {
            int k = i;
            assertTrue(slot.register(x -> seen[k]++));
        }
        assertTrue(slot.use(new long[1]));
        assertEquals(0, seen[1]);
        assertEquals(0, seen[2]);
        assertEquals(1, seen[3], "only the latest of three is called");
        for (int i = 1; i <= 101; i++) assertTrue(slot.register(tag(i)), "never dropped, even lapping the ring");
        long[] v = new long[1];
        assertTrue(slot.use(v));
        assertEquals(101, v[0]);
    }

    @Test
    void overwritingRingRefusesASecondProducerThread() throws Exception {
        singleProducerRefusesSecondThread(new OverwritingRingSlot<>(4));
    }

    // ---- helpers ----

    /** A callback that writes its tag into the payload. */
    private static Consumer<long[]> tag(long t) {
        return x -> x[0] = t;
    }

    private static void singleProducerRefusesSecondThread(CallbackSlot<long[]> slot) throws Exception {
        assertTrue(slot.register(tag(1)), "the first thread owns the slot");
        AtomicReference<Throwable> reg = new AtomicReference<>();
        AtomicReference<Throwable> unreg = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try {
                slot.register(tag(2));
            } catch (Throwable e) {
                reg.set(e);
            }
            try {
                slot.unregister();
            } catch (Throwable e) {
                unreg.set(e);
            }
        }, "second-producer");
        second.start();
        second.join();
        assertTrue(reg.get() instanceof IllegalStateException, "register refused: " + reg.get());
        assertTrue(unreg.get() instanceof IllegalStateException, "unregister refused: " + unreg.get());
        assertTrue(reg.get().getMessage().contains("second-producer"), reg.get().getMessage());
        long[] v = new long[1];
        assertTrue(slot.use(v));
        assertEquals(1, v[0], "the refused thread changed nothing");
        assertTrue(slot.register(tag(3)), "the owner still may");
    }

    /** Runs {@code r} on a fresh thread (the "audio" thread) and says whether it ended. */
    private static boolean runOnOtherThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "audio");
        t.setDaemon(true);
        t.start();
        t.join(60_000);
        return !t.isAlive();
    }
}
