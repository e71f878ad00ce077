package dev.sonora.server.osc.rt;

import java.util.function.Consumer;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/**
 * Writes ({@code /c_set}) or reads ({@code /c_get}) control buses at the command's sample. The
 * sender checks the indices against the bus count; the audio thread checks again and skips
 * any out of range. A read fills {@link #values}; {@code done} (may be null) runs on NRT.
 */
public final class ControlBuses extends Command {
    public final int[] indices;
    public final float[] values;
    private final boolean write;
    private final Consumer<ControlBuses> done;

    private ControlBuses(long time, int[] indices, float[] values, boolean write, Consumer<ControlBuses> done) {
        super(time);
        this.indices = indices;
        this.values = values;
        this.write = write;
        this.done = done;
    }

    public static ControlBuses set(long time, int[] indices, float[] values) {
        return new ControlBuses(time, indices, values, true, null);
    }

    public static ControlBuses get(long time, int[] indices, Consumer<ControlBuses> done) {
        return new ControlBuses(time, indices, new float[indices.length], false, done);
    }

    @Override
    protected void performOnRt(World world) {
        float[] buses = world.controlBuses;
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            if (k < 0 || k >= buses.length) continue;
            if (write) buses[k] = values[i]; else values[i] = buses[k];
        }
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (done != null) done.accept(this);
    }
}
