package dev.sonora.server;

import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.synth.SynthDef;

/**
 * The sender's handle on a node: its id, the object the audio thread holds, which life of that
 * object it names (a pooled synth object plays many notes, one generation each), and whether it
 * has ended. Commands carry object, id and generation so the audio thread can tell a live node
 * from a stale handle. A handle is made per node and never reused. Any thread; {@link #ended} is
 * set by NRT when the node comes back.
 */
public final class NodeRef {
    private final int id;
    private final RtNode node;
    private final int generation;
    private final SynthDef def;
    private final long releaseFrom;
    private volatile boolean ended;

    NodeRef(int id, RtNode node, SynthDef def) {
        this(id, node, def, Long.MIN_VALUE);
    }

    NodeRef(int id, RtNode node, SynthDef def, long releaseFrom) {
        this.id = id;
        this.generation = node.generation();
        this.node = node;
        this.def = def;
        this.releaseFrom = releaseFrom;
    }

    /**
     * The first sample at which closing this synth's gate is heard as a release: after its
     * start. A gate set to 0 at the very sample a synth starts is the value its envelope first
     * sees, so the envelope never opens and the synth never ends ({@code synth('pad').release()}
     * in one line, a drum pad's note-off right after its note-on); {@link Nodes#set} moves such a
     * close to this sample. Long.MIN_VALUE for groups.
     */
    long releaseFrom() {
        return releaseFrom;
    }

    public int id() {
        return id;
    }

    RtNode node() {
        return node;
    }

    /** The life of {@link #node} this handle names. */
    int generation() {
        return generation;
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
        if (def != null) return "Node(" + id + " '" + def.name() + "')";
        return node instanceof RtGroup g && g.parallel() ? "Group(" + id + " parallel)" : "Group(" + id + ")";
    }
}
