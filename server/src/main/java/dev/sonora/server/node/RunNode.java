package dev.sonora.server.node;

import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Pauses or resumes a node at a sample (mutate). */
public final class RunNode extends NodeCommand {
    private final boolean run;

    public RunNode(long time, RtNode node, int id, int generation, boolean run) {
        this(time, node, id, generation, run, false);
    }

    /** {@code quietWhenEnded}: see {@link NodeCommand}; {@code Server.runIfPlaying} sends these. */
    public RunNode(long time, RtNode node, int id, int generation, boolean run, boolean quietWhenEnded) {
        super(time, node, id, generation, run ? "run" : "pause", quietWhenEnded);
        this.run = run;
    }

    @Override
    void performOnLive(World world) {
        world.run(node, run);
    }
}
