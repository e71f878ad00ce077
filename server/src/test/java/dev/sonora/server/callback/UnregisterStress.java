package dev.sonora.server.callback;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Drives a slot the way a meter would be driven, hard: an "audio" thread calls {@code use} in
 * a loop (a short pause between calls) while this thread registers, replaces and unregisters fresh probes. A probe is
 * marked dead as soon as the {@code unregister} (or the {@code register} that replaced it) has
 * returned; it counts a violation if it is entered while dead, or if it is still inside when it
 * was marked dead (it checks on entry and on exit). Every few rounds the probe holds on inside
 * the call until released (at most {@link #HOLD_NANOS}) and this thread unregisters while it is
 * in there: a slot whose unregister does not wait for the call to finish is caught then, and
 * {@link UnguardedSlot} shows that it is.
 *
 * <p>No timing is asserted: the hold's bound only keeps a correct slot from waiting forever.
 */
final class UnregisterStress {
    static final long HOLD_NANOS = 5_000_000L;

    record Result(int violations, int roundsCalled, int holdsEntered, long uses) {}

    static final class Probe implements Consumer<long[]> {
        final AtomicInteger violations;
        final boolean hold;
        volatile boolean dead;
        volatile boolean release;
        volatile int entered;

        Probe(AtomicInteger violations, boolean hold) {
            this.violations = violations;
            this.hold = hold;
        }

        @Override
        public void accept(long[] v) {
            if (dead) violations.incrementAndGet();
            entered = entered + 1; // one writer: the using thread
            v[0]++;
            if (hold) {
                long end = System.nanoTime() + HOLD_NANOS;
                while (!release && System.nanoTime() - end < 0) Thread.onSpinWait();
            }
            if (dead) violations.incrementAndGet();
        }

        void kill() {
            dead = true;
            release = true;
        }
    }

    static Result run(CallbackSlot<long[]> slot, int rounds, long seed) throws InterruptedException {
        AtomicInteger violations = new AtomicInteger();
        long[] payload = new long[1];
        long[] uses = new long[1];
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread audio = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                slot.use(payload);
                n++;
                // a real audio thread does a block's work between two uses; without a gap a
                // spin lock's setters starve (the user re-takes the lock at once)
                for (int i = 0; i < 32; i++) Thread.onSpinWait();
            }
            uses[0] = n;
        }, "stress-audio");
        audio.setDaemon(true);
        audio.start();
        SplittableRandom rnd = new SplittableRandom(seed);
        int called = 0;
        int holdsEntered = 0;
        Probe registered = null;
        try {
            for (int round = 0; round < rounds; round++) {
                boolean hold = round % 8 == 7;
                Probe p = new Probe(violations, hold);
                for (int tries = 0; !slot.register(p); tries++) {
                    if (tries > 1_000_000) throw new AssertionError(slot.strategy() + ": register never accepted");
                    Thread.yield();
                }
                if (registered != null) registered.kill(); // replaced: its register has returned
                registered = p;
                if (hold || rnd.nextInt(3) == 0) { // let it be called (bounded: the audio thread may be descheduled)
                    for (int i = 0; i < 2_000_000 && p.entered == 0; i++) Thread.yield();
                    if (hold && p.entered > 0) holdsEntered++;
                } else {
                    for (int i = rnd.nextInt(200); i > 0; i--) Thread.onSpinWait();
                }
                if (hold || rnd.nextBoolean()) {
                    slot.unregister();
                    p.kill();
                    registered = null;
                }
                if (p.entered > 0) called++;
            }
            if (registered != null) {
                slot.unregister();
                registered.kill();
            }
        } finally {
            stop.set(true);
            audio.join();
        }
        return new Result(violations.get(), called, holdsEntered, uses[0]);
    }

    private UnregisterStress() {}
}
