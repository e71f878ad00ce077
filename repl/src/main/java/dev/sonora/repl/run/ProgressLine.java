package dev.sonora.repl.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One line of progress on a terminal, rewritten in place ({@code \r}, then the text, then
 * erase to the end of the line): shown only once the work has run {@value #DELAY_MILLIS} ms
 * (short work prints nothing), redrawn at most four times a second by its own thread
 * ({@code sonora-progress}), and erased by {@link #close} so the next line (a render's summary)
 * prints exactly as it would without it. Made only when the output is a terminal
 * ({@link Tty}); the text comes from a supplier the work keeps current (null: nothing to show).
 */
public final class ProgressLine implements AutoCloseable {
    static final long DELAY_MILLIS = 1500;
    static final long PERIOD_MILLIS = 250;

    private final PrintStream out;
    private final Supplier<String> text;
    private final Thread thread;
    private volatile boolean closed;
    private boolean shown; // the progress thread, then close() after joining it

    public ProgressLine(PrintStream out, Supplier<String> text) {
        this.out = out;
        this.text = text;
        this.thread = new Thread(this::loop, "sonora-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long start = System.nanoTime();
        long next = start + DELAY_MILLIS * 1_000_000L;
        while (!closed) {
            for (long wait; !closed && (wait = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            if (closed) break;
            next = System.nanoTime() + PERIOD_MILLIS * 1_000_000L;
            String t = text.get();
            if (t == null) continue;
            synchronized (out) {
                out.print("\r" + t + "\u001b[K");
                out.flush();
            }
            shown = true;
        }
    }

    /** Erases the line (if it was shown) and stops. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shown) {
            synchronized (out) {
                out.print("\r\u001b[K");
                out.flush();
            }
        }
    }

    /** "rendered 12.5 s of 60 s (21%), 8.3× real time, 6 s left"; {@code speed}: seconds rendered per second, 0 unknown yet. */
    public static String render(double renderedSeconds, double totalSeconds, double speed) {
        String left = speed > 0 ? String.format(Locale.ROOT, ", %.0f s left", (totalSeconds - renderedSeconds) / speed) : "";
        String pace = speed > 0 ? String.format(Locale.ROOT, ", %.1f× real time", speed) : "";
        return String.format(Locale.ROOT, "rendered %.1f s of %s s (%.0f%%)%s%s", renderedSeconds,
                plain(totalSeconds), 100 * renderedSeconds / totalSeconds, pace, left);
    }

    /** "loading samples: 120 of 800 files". */
    public static String samples(int finished, int queued) {
        return "loading samples: " + finished + " of " + queued + " files";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
