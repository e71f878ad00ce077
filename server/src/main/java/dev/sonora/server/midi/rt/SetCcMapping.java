package dev.sonora.server.midi.rt;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/** Adds or replaces a cc -> control bus mapping in a {@link CcMapper} (mutate). Built on the sender, validated there. */
public final class SetCcMapping extends Command {
    private static final int TABLE_FULL = 1;
    private final CcMapper mapper;
    private final int cc;
    private final int channel;
    private final int bus;
    private final float lo;
    private final float hi;

    public SetCcMapping(long time, CcMapper mapper, int cc, int channel, int bus, float lo, float hi) {
        super(time);
        this.mapper = mapper;
        this.cc = cc;
        this.channel = channel;
        this.bus = bus;
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    protected void performOnRt(World world) {
        if (!mapper.putOnRt(cc, channel, bus, lo, hi)) error = TABLE_FULL;
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (error == TABLE_FULL) {
            outcome.reportError("midi.cc(" + cc + ").to(" + bus + "): all " + CcMapper.CAPACITY
                    + " direct mappings are in use; remove some first");
        }
    }
}
