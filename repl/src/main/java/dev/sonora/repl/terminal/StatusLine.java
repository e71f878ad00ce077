package dev.sonora.repl.terminal;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The live line at the bottom of the REPL (JLine's status bar, which keeps the bottom row out
 * of the scrolling region): redrawn by its own thread, {@code sonora-status}, at most
 * {@value #PER_SECOND} times a second and only when its text changed, under the line reader's
 * lock, so it never lands inside the line being typed or the output scrolling above. Started
 * and stopped by the REPL's thread; the drawing thread only reads its feed and draws.
 */
final class StatusLine implements AutoCloseable {
    static final int PER_SECOND = 10;

    private final SonoraLineReader reader;
    private final Status status;
    private final StatusFeed feed;
    private final Thread thread;
    private volatile boolean closed;
    private String shown = "";
    private volatile long redraws;

    StatusLine(SonoraLineReader reader, StatusFeed feed) {
        this.reader = reader;
        this.feed = feed;
        this.status = Status.getStatus(reader.getTerminal());
        this.thread = new Thread(this::loop, "sonora-status");
        thread.setDaemon(true);
    }

    /**
     * Shows the first line at once, before the reader's first prompt (the reader then lays out
     * its display around the status rows from the start), then starts redrawing.
     */
    void start() {
        AttributedString first = feed.next().styled();
        shown = first.toString();
        reader.underLock(() -> status.update(List.of(first)));
        thread.start();
    }

    /** Redraws so far (at most {@value #PER_SECOND} a second). Any thread. */
    long redraws() {
        return redraws;
    }

    private void loop() {
        long period = 1_000_000_000L / PER_SECOND;
        long next = System.nanoTime();
        while (!closed) {
            next = Math.max(next + period, System.nanoTime()); // after a stall: no burst to catch up
            for (long wait; !closed && (wait = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
            if (closed) break;
            try {
                AttributedString line = feed.next().styled();
                String text = line.toString();
                if (text.equals(shown)) continue;
                shown = text;
                reader.underLock(() -> {
                    if (!closed) status.update(List.of(line));
                });
                redraws++;
            } catch (RuntimeException e) {
                // a display must not end the session; the next period tries again
            }
        }
    }

    /** Stops the thread and takes the line away, leaving the terminal as it was. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.underLock(() -> {
            status.update(List.of());
            status.close();
            // the bar's own close gives the row back to scrolling but leaves its text: erase it
            Terminal t = reader.getTerminal();
            int last = t.getHeight() - 1;
            if (last > 0) {
                t.puts(InfoCmp.Capability.save_cursor);
                t.puts(InfoCmp.Capability.cursor_address, last, 0);
                t.puts(InfoCmp.Capability.clr_eol);
                t.puts(InfoCmp.Capability.restore_cursor);
                t.flush();
            }
        });
    }
}
