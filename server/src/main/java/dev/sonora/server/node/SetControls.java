package dev.sonora.server.node;

import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;

/** Sets controls of a synth at a sample (mutate). Built on the sender with indices resolved. */
public final class SetControls extends NodeCommand {
    private final int[] indices;
    private final float[] values;

    public SetControls(long time, RtSynth synth, int id, int generation, int[] indices, float[] values) {
        this(time, synth, id, generation, indices, values, false);
    }

    /** {@code quietWhenEnded}: see {@link NodeCommand}; {@code Server.release} sends these. */
    public SetControls(long time, RtSynth synth, int id, int generation, int[] indices, float[] values, boolean quietWhenEnded) {
        super(time, synth, id, generation, "set", quietWhenEnded);
        this.indices = indices;
        this.values = values;
    }

    @Override
    void performOnLive(World world) {
        RtSynth s = (RtSynth) node;
        for (int i = 0; i < indices.length; i++) {
            s.setControl(indices[i], values[i]);
        }
    }
}
