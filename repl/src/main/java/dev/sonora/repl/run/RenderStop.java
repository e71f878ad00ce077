package dev.sonora.repl.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a render early and keeps what it rendered (Ctrl-C, SIGTERM): {@link #request} from any
 * thread (the JVM's shutdown hook), polled by the render between steps on the Lang thread,
 * which then finishes the file's header; {@link #reported} tells the hook the file is complete
 * and the user has been told, so the JVM may end.
 */
public final class RenderStop {
    private volatile boolean requested;
    private final CountDownLatch reported = new CountDownLatch(1);

    /** Asks the render to stop at its next step. Any thread. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** The render is over and its file closed (complete or stopped). Controlling thread. */
    public void reported() {
        reported.countDown();
    }

    /** Waits up to {@code millis} for {@link #reported}; true if it came. Any thread. */
    public boolean awaitReported(long millis) {
        try {
            return reported.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
