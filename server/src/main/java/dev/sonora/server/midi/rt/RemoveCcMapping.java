package dev.sonora.server.midi.rt;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/** Removes cc -> control bus mappings from a {@link CcMapper} (mutate). */
public final class RemoveCcMapping extends Command {
    private final CcMapper mapper;
    private final int cc;
    private final int channel;
    private final int bus;

    public RemoveCcMapping(long time, CcMapper mapper, int cc, int channel, int bus) {
        super(time);
        this.mapper = mapper;
        this.cc = cc;
        this.channel = channel;
        this.bus = bus;
    }

    @Override
    protected void performOnRt(World world) {
        mapper.removeOnRt(cc, channel, bus);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        // nothing to release: removing a mapping that is not there is not an error
    }
}
