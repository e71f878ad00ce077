package dev.sonora.server;

import dev.sonora.server.rt.RtNode;
import dev.sonora.server.synth.SynthDef;

/**
 * The sender's handle on a node: its id, the object the audio thread holds, and whether it
 * has ended. Commands carry the object so the audio thread can tell a live node from a stale
 * handle. Any thread; {@link #ended} is set by NRT when the node comes back.
 */
public final class NodeRef {
    private final int id;
    private final RtNode node;
    private final SynthDef def;
    private volatile boolean ended;

    NodeRef(int id, RtNode node, SynthDef def) {
        this.id = id;
        this.node = node;
        this.def = def;
    }

    public int id() {
        return id;
    }

    RtNode node() {
        return node;
    }

    /** The definition, or null for a group. */
    public SynthDef def() {
        return def;
    }

    public boolean isGroup() {
        return def == null;
    }

    /** False once the node has ended and come back to NRT. */
    public boolean playing() {
        return !ended;
    }

    void markEnded() {
        ended = true;
    }

    @Override
    public String toString() {
        return def == null ? "Group(" + id + ")" : "Node(" + id + " '" + def.name() + "')";
    }
}
