package dev.sonora.server.driver;

import dev.sonora.server.Server;

/** Makes the audio thread: named {@code sonora-rt}, highest Java priority. Any thread. */
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
}
