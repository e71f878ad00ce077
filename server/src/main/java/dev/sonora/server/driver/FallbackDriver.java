package dev.sonora.server.driver;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plays through JACK and, if the JACK server goes away mid-set, hands the audio to another
 * driver (javax.sound, else the clocked null driver) in one line. The music state lives in
 * the server, not the driver, so every node, loop and buffer goes on: the new driver's thread
 * becomes the audio thread once JACK's thread is out of the block loop. Lifecycle methods:
 * the controlling thread; the switch runs on its own short-lived thread.
 */
public final class FallbackDriver implements Driver {
    private final JackDriver jack;
    private final Supplier<Driver> fallback;
    private final Consumer<String> say;
    private volatile Driver current;
    private volatile Thread switcher;
    private boolean closed;

    /** {@code fallback} opens the next driver (never throws); {@code say} hears the one line. */
    public FallbackDriver(JackDriver jack, Supplier<Driver> fallback, Consumer<String> say) {
        this.jack = jack;
        this.fallback = fallback;
        this.say = say;
        this.current = jack;
    }

    @Override
    public void start() {
        jack.onServerGone(this::serverGone);
        jack.start();
    }

    // a JACK thread: do the switch elsewhere, never in JACK's callback
    private void serverGone(String why) {
        Thread t = new Thread(() -> switchOver(why), "sonora-driver-switch");
        t.setDaemon(true);
        switcher = t;
        t.start();
    }

    private synchronized void switchOver(String why) {
        if (closed || current != jack) return;
        jack.release(); // JACK's thread is out of the block loop from here on
        Driver next = fallback.get();
        current = next;
        next.start();
        say.accept("sonora: " + why + " — playing on " + next.describe() + "; nodes and loops go on");
        jack.close();
    }

    /** The driver playing now. Any thread. */
    public Driver current() {
        return current;
    }

    /** Waits until a switch that has begun is done (for tests and shutdown). */
    public void awaitSwitch(long millis) throws InterruptedException {
        Thread t = switcher;
        if (t != null) t.join(millis);
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public int outputLatencyFrames() {
        return current.outputLatencyFrames();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        current.close();
        if (current != jack) jack.close();
    }
}
