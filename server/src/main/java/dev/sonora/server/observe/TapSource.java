package dev.sonora.server.observe;

import dev.sonora.server.rt.RtNode;

/**
 * What a tap measures: the main output after the output stage (what the driver gets), an audio
 * bus (one or two channels, as the tree left it at the end of the block), or what a node (a
 * group: everything in it) adds to a stereo pair of buses while it processes. Made on the
 * sender; immutable. Any thread.
 */
public final class TapSource {
    enum Kind { OUT, BUS, NODE }

    final Kind kind;
    final int bus;
    final boolean stereo;
    final RtNode node;
    final int nodeId;
    final int generation;
    private final String label;

    private TapSource(Kind kind, int bus, boolean stereo, RtNode node, int nodeId, int generation, String label) {
        this.kind = kind;
        this.bus = bus;
        this.stereo = stereo;
        this.node = node;
        this.nodeId = nodeId;
        this.generation = generation;
        this.label = label;
    }

    /** The main output, after clipping and the master gain. */
    public static TapSource out() {
        return new TapSource(Kind.OUT, 0, true, null, -1, 0, "out");
    }

    /** Audio bus {@code index} (and {@code index + 1} when {@code stereo}); mono reads one bus on both sides. */
    public static TapSource bus(int index, boolean stereo) {
        return new TapSource(Kind.BUS, index, stereo, null, -1, 0, "bus " + index);
    }

    /**
     * What {@code node} adds to buses {@code bus}, {@code bus + 1} (0: the main output) while it
     * processes. The façade makes these from a handle ({@code Server.nodeTapSource}).
     */
    public static TapSource node(RtNode node, int id, int generation, int bus, String label) {
        return new TapSource(Kind.NODE, bus, true, node, id, generation, label);
    }

    @Override
    public String toString() {
        return label;
    }
}
