package dev.sonora.repl.link.net;

/**
 * What the Link node knows, published whole by its thread after every change and read by any
 * thread without waiting: the session (its id, its timeline in ghost time, the transform from
 * this machine's host clock to ghost time, start/stop), how many other peers share it, and the
 * counters of bad input (packets dropped, announcements refused for an absurd tempo, tempos clamped). {@code applied} counts the requests the node has carried out, so a
 * requester can tell when its change is in the state.
 */
public record LinkState(long nodeId, long sessionId, Timeline timeline, GhostXForm xform, StartStop startStop,
                        boolean startStopSync, int peers, long applied, long dropped, long refused, long clamped) {

    /** The session's beat at host time {@code hostMicros}. */
    public double beatAtHost(double hostMicros) {
        return timeline.toBeats(xform.hostToGhost(hostMicros));
    }

    /** The host time (microseconds) at which the session reaches {@code beat}. */
    public double hostAtBeat(double beat) {
        return xform.ghostToHost(timeline.fromBeats(beat));
    }

    public double bpm() {
        return timeline.bpm();
    }
}
