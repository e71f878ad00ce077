package dev.sonora.server.driver;

import dev.sonora.server.Server;

/** Makes the audio thread (named {@code sonora-rt}, highest Java priority) and waits for its end. Any thread. */
final class AudioThread {
    static final String NAME = "sonora-rt";

    private AudioThread() {
    }

    static Thread create(Server server, Runnable loop) {
        Thread t = new Thread(() -> {
            server.audioThreadStarted(Thread.currentThread());
            loop.run();
        }, NAME);
        t.setPriority(Thread.MAX_PRIORITY);
        t.setDaemon(true);
        return t;
    }

    /**
     * Waits up to {@code millis} for a driver's thread to end once told to stop; an interrupt
     * ends the wait and stays set for the caller.
     */
    static void awaitEnd(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
