package dev.sonora.server.osc.rt;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/** Writes a {@link MappedBus}'s newest value to its control bus, at the next block. Built on the OSC receive thread. */
public final class WriteMappedBus extends Command {
    private final MappedBus target;

    public WriteMappedBus(MappedBus target) {
        super(NOW);
        this.target = target;
    }

    @Override
    protected void performOnRt(World world) {
        target.writeOnRt(world.controlBuses);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        // nothing to release: the slot lives as long as its mapping
    }
}
