package dev.sonora.repl.observe;

import dev.sonora.server.NodeRef;

/**
 * One meter or scope a script made: its tap's slot in the server's observers, what it watches
 * (for the lines it prints) and the node whose end stops it, if any. Lang thread only.
 */
abstract class Watch {
    final int slot;
    final String label;
    final NodeRef node; // null: the output or a bus, which never end

    Watch(int slot, String label, NodeRef node) {
        this.slot = slot;
        this.label = label;
        this.node = node;
    }

    /** Hands over what the tap has measured; false when the watch must stop (its callback threw). */
    abstract boolean poll();

    /** "meter" or "scope", for lines. */
    abstract String kind();

    private String shown;

    /** "meter(out)": how a late line names it when its function held the Lang thread (made once). */
    String shown() {
        if (shown == null) shown = kind() + "(" + label + ")";
        return shown;
    }
}
