package dev.sonora.repl.lang;

import java.util.ArrayDeque;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;

/**
 * What {@code hush()} sends the server: free every node, and each node the clock started ahead
 * of the audio at its own start sample (right after it is linked, so it never sounds). A panic
 * must not fail halfway: when the command queue is full (a script that flooded it is often why
 * the performer reached for hush), what the queue refused is sent again at every tick of the
 * Lang loop until the audio thread has made room, and the performer is told (on the output, not as
 * an error: nothing failed). And a panic is quiet: commands sent before it (a loop's sets computed
 * ahead, a flood) that meet the nodes it freed are refused by the audio thread as "has already
 * ended", which is what a hush means, so those lines are not shown for a while after it
 * ({@link #quiet}). Lang thread only, except {@link #quiet}.
 */
final class Panic {
    /** How long after a hush (or its delayed frees) its refusals are expected: the most a command is sent ahead (latency 2 s, start lead 1 s), and more. */
    private static final double QUIET_SECONDS = 4;

    private final Server server;
    private final Output output;
    private final ArrayDeque<Bridge.Scheduled> ahead = new ArrayDeque<>(); // nodes still to free at their start
    private boolean freeAllWaits; // the freeAll still to send, at freeAllAt (NOW, or a clock event's sample)
    private long freeAllAt;
    private boolean toldFull;
    private volatile long quietUntil = Long.MIN_VALUE; // server sample time; read by NRT (quiet)

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
        keepQuiet();
        send();
    }

    /**
     * Whether a server error line is a refusal a recent hush explains ("set: node 1000 has already
     * ended": a command sent before the hush met a node it freed). NRT thread (the server's listener).
     */
    boolean quiet(String message) {
        return message.endsWith(" has already ended") && server.sampleTime() < quietUntil;
    }

    private void keepQuiet() {
        quietUntil = server.sampleTime() + (long) (QUIET_SECONDS * server.sampleRate());
    }

    /**
     * Before a new node is sent: the frees a full queue held back go first when there is room now,
     * so that they end what played at the hush and not a note started after it (a line typed, a
     * handler) in the moment between the audio thread making room and the next tick.
     */
    void beforeNewNode() {
        retry();
    }

    private void retry() {
        if (!freeAllWaits && ahead.isEmpty()) return;
        send();
        if (!freeAllWaits && ahead.isEmpty()) {
            keepQuiet(); // what was queued before them meets the nodes they free
            output.out("hush: the queue drained and the panic's frees went out: everything playing then has ended");
        }
    }

    private void send() {
        if (freeAllWaits) {
            long t = freeAllAt;
            if (!sent(() -> {
                server.freeAll(server.rootGroup(), t);
                // a paused root or default group (defaultGroup().pause()) kept everything after the
                // hush silent: a panic leaves the server able to play
                server.run(server.rootGroup(), true, t);
                server.run(server.defaultGroup(), true, t);
            })) return;
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
                output.out("hush: the command queue is full; loops and patterns have stopped, and the frees go out as soon as the audio thread makes room");
            }
            return false;
        }
    }
}
