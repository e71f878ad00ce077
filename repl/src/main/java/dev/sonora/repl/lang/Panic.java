package dev.sonora.repl.lang;

import java.util.ArrayDeque;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;

/**
 * What {@code hush()} sends the server: free every node, and each node the clock started ahead
 * of the audio at its own start sample (right after it is linked, so it never sounds). A panic
 * must not fail halfway: when the command queue is full (a script that flooded it is often why
 * the performer reached for hush), what the queue refused is sent again at every tick of the
 * Lang loop until the audio thread has made room, and the performer is told once. Lang thread only.
 */
final class Panic {
    private final Server server;
    private final Output output;
    private final ArrayDeque<Bridge.Scheduled> ahead = new ArrayDeque<>(); // nodes still to free at their start
    private boolean freeAllWaits; // the freeAll still to send, at freeAllAt (NOW, or a clock event's sample)
    private long freeAllAt;
    private boolean toldFull;

    Panic(Server server, LangLoop lang, Output output) {
        this.server = server;
        this.output = output;
        lang.addTicker(this::retry);
    }

    /** A hush at {@code time} (NOW, or a clock event's sample), with the nodes started ahead of it. */
    void hush(long time, Iterable<Bridge.Scheduled> startedAhead) {
        ahead.clear();
        for (Bridge.Scheduled s : startedAhead) if (s.node().playing()) ahead.add(s);
        freeAllAt = time;
        freeAllWaits = true;
        toldFull = false;
        send();
    }

    private void retry() {
        if (freeAllWaits || !ahead.isEmpty()) send();
    }

    private void send() {
        if (freeAllWaits) {
            long t = freeAllAt;
            if (!sent(() -> server.freeAll(server.rootGroup(), t))) return;
            freeAllWaits = false;
        }
        while (!ahead.isEmpty()) {
            Bridge.Scheduled s = ahead.peekFirst();
            if (s.node().playing() && !sent(() -> server.free(s.node(), s.time()))) return;
            ahead.pollFirst();
        }
    }

    /**
     * Whether the command is done with: sent, or refused for good (a node that ended meanwhile:
     * nothing left to free). False when the full queue refused it: it goes again at the next tick.
     */
    private boolean sent(Runnable command) {
        try {
            command.run();
            return true;
        } catch (ServerException e) {
            if (!server.commandQueueFull()) return true;
            if (!toldFull) {
                toldFull = true;
                output.err("hush: the command queue is full; the rest of the panic goes as soon as the audio thread makes room");
            }
            return false;
        }
    }
}
