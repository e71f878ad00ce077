package dev.sonora.repl.osc;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the wall clock against the monotonic one while a test judges OSC time tags (wall
 * time), and remembers each instant (monotonic) the wall clock stepped by more than
 * {@link #STEP_NANOS}. Why: a VM's guest clock can be corrected in steps for minutes after the
 * VM is restored (CI saw stamps 251–251.5 ms apart for 250 ms of music), and a stamp made just
 * before a step and read back just after it is off by the step through no fault of the sender.
 * A slow, smooth drift stays under the threshold between two looks a millisecond apart and is
 * not counted.
 */
final class WallClockSteps implements AutoCloseable {
    static final long STEP_NANOS = 20_000;

    private final ConcurrentLinkedQueue<Long> steps = new ConcurrentLinkedQueue<>();
    private final Thread watcher;
    private volatile boolean closed;

    WallClockSteps() {
        watcher = new Thread(this::watch, "test-wall-clock-steps");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        long last = OscScriptTest.wallMinusMonotonic();
        while (!closed) {
            LockSupport.parkNanos(1_000_000);
            long now = OscScriptTest.wallMinusMonotonic();
            if (Math.abs(now - last) > STEP_NANOS) steps.add(System.nanoTime());
            last = now;
        }
    }

    /** How many of the intervals between neighbouring {@code instants} (monotonic, ascending) hold a step. */
    int intervalsWithSteps(List<Long> instants) {
        int n = 0;
        for (int i = 1; i < instants.size(); i++) {
            long from = instants.get(i - 1);
            long to = instants.get(i);
            if (steps.stream().anyMatch(t -> t > from && t <= to)) n++;
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        watcher.join();
    }
}
