package dev.sonora.repl.lang;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The Lang event loop: one thread, {@code sonora-lang}, running tasks in the order they were
 * posted. Every piece of JavaScript (a REPL line, a script load, a node-ended callback, a
 * file reload) is a task here, because a GraalJS context is single-threaded.
 *
 * <p>{@link #post} and {@link #submit} may be called from any thread; {@link #runPending}
 * only from the Lang thread itself (the offline renderer drives the clock from a task and
 * runs callbacks between blocks).
 */
public final class LangLoop implements AutoCloseable {
    public static final String THREAD_NAME = "sonora-lang";
    /** How often an idle loop wakes its tickers (the tempo clock): well inside the clock's latency. */
    private static final long TICK_NANOS = 2_000_000L;

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Runnable> whenIdle = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<Runnable> tickers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<BooleanSupplier> idleHolds = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean virtualTime;
    private volatile StepWatch steps; // live: each ticker run (loop bodies, at callbacks) is a step
    private String heldBy;  // the longest piece of named work lately (heldWork), and how long it took
    private long heldNanos;
    private long heldEnd;

    public LangLoop() {
        thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        // the JDK initialises what a stack trace needs on first use; a stack overflow at that moment
        // would leave it unusable, and every later error report broken: initialised here instead
        new Throwable().getStackTrace();
        while (!stopping) {
            Runnable r;
            try {
                boolean idleWork = !whenIdle.isEmpty() && !idleWorkHeld();
                r = idleWork ? tasks.poll() : tasks.poll(tickers.isEmpty() ? 200_000_000L : TICK_NANOS, TimeUnit.NANOSECONDS);
                if (r == null && idleWork) r = whenIdle.poll(); // nothing queued: one piece of background work
            } catch (InterruptedException e) {
                continue; // close() decides when to stop
            }
            if (r != null) runSafely(r);
            tick();
        }
    }

    private void tick() {
        for (Runnable t : tickers) runStep(() -> runSafely(t));
    }

    /**
     * Runs {@code r} as a step of the live step watch, stopped if it runs too long: what no one
     * typed and so no one would think to Ctrl-C (a MIDI or OSC handler, an onEnd callback, a
     * watched file's reload). Without a watch (a render times its own steps) it just runs. Lang thread.
     */
    public void runStep(Runnable r) {
        StepWatch w = steps;
        if (w == null) r.run();
        else w.step(r);
    }

    /**
     * From now on every ticker run (the clock's loop bodies and at() callbacks) and every
     * {@link #runStep} is a step of {@code w}, stopped if it runs too long (live; a render times
     * its own steps). Any thread.
     */
    public void watchSteps(StepWatch w) {
        steps = w;
    }

    /**
     * Adds work that runs on the Lang thread after every task, every couple of milliseconds
     * while idle, and at the end of {@link #runPending} (the offline renderer calls it once per
     * block): the tempo clock's wake-up. Any thread.
     */
    public void addTicker(Runnable t) {
        tickers.add(t);
    }

    /**
     * Background work ({@link #postWhenIdle}) waits while {@code hold} says so. The clock holds it
     * while it has events to play: one piece of background work (a module parsed cold takes
     * 100–400 ms) would delay every event due meanwhile, and in a set's first seconds that made
     * loops late by hundreds of milliseconds. Lang thread calls {@code hold}; any thread adds it.
     */
    public void holdIdleWorkWhile(BooleanSupplier hold) {
        idleHolds.add(hold);
    }

    private boolean idleWorkHeld() {
        for (BooleanSupplier h : idleHolds) if (h.getAsBoolean()) return true;
        return false;
    }

    /**
     * Whether the server advances only between Lang tasks (an offline render): then whatever
     * is sent now is on time, and the clock needs no lookahead to be punctual. Any thread.
     */
    public boolean virtualTime() {
        return virtualTime;
    }

    public void virtualTime(boolean on) {
        virtualTime = on;
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            // a task must never end the loop: the performer keeps a working REPL
            System.err.println("sonora: internal error on the Lang loop: " + e);
            if (System.getenv("SONORA_DEBUG") != null) e.printStackTrace();
        }
    }

    /** Work shorter than this is not remembered as what held the thread. */
    private static final long HELD_MIN_NANOS = 10_000_000L;
    /** How long a piece of work is remembered as what held the thread. */
    private static final long HELD_MEMORY_NANOS = 1_000_000_000L;

    /**
     * Notes that the work named {@code label} ("loop 'x'", "a line at the prompt") ran from
     * {@code startNanos} until now, so a late event can say what held the thread
     * ({@link #heldLately}). Lang thread.
     */
    public void heldWork(String label, long startNanos) {
        long now = System.nanoTime();
        long took = now - startNanos;
        if (took < HELD_MIN_NANOS) return;
        if (took >= heldNanos || now - heldEnd > HELD_MEMORY_NANOS) {
            heldBy = label;
            heldNanos = took;
            heldEnd = now;
        }
    }

    /**
     * "loop 'x' held the Lang thread for 350 ms": the longest named work of the last second, when
     * it took at least {@code minNanos} and is not {@code self} (the late event itself); else null.
     * Lang thread.
     */
    public String heldLately(long minNanos, String self) {
        if (heldBy == null || heldBy.equals(self) || heldNanos < minNanos || System.nanoTime() - heldEnd > HELD_MEMORY_NANOS) return null;
        return heldBy + " held the Lang thread for " + Math.round(heldNanos / 1e6) + " ms";
    }

    /** Queues a task. Any thread. */
    public void post(Runnable r) {
        if (!stopping) tasks.add(r);
    }

    /**
     * Queues background work: it runs only when no task is waiting, one piece between tasks, so
     * a task posted meanwhile waits for one piece at most. Not run by {@link #runPending} (an
     * offline render's Lang work stays exactly what its scripts ask for). Any thread.
     */
    public void postWhenIdle(Runnable r) {
        if (!stopping) whenIdle.add(r);
    }

    /** Queues a task and returns its result (or exception) as a future. Any thread. */
    public <T> CompletableFuture<T> submit(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        post(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Runs every task queued so far, now. Lang thread only. */
    public void runPending() {
        assert onLangThread();
        Runnable r;
        while ((r = tasks.poll()) != null) runSafely(r);
        tick();
    }

    public boolean onLangThread() {
        return Thread.currentThread() == thread;
    }

    public Thread thread() {
        return thread;
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
