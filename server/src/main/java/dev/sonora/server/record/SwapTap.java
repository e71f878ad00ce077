package dev.sonora.server.record;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.World;

/**
 * Starts or stops a recording on the audio thread (swap): the new tap (or none) goes in at the
 * top of a block, the old one comes back to NRT, which has its recording finished on the Disk
 * thread. Every block the old tap took is already on its full queue by then, so nothing is lost.
 */
final class SwapTap extends Command {
    private final RtEngine engine;
    private final RecordTap incoming;
    private final Recordings owner;
    private RtEngine.BlockTap outgoing;

    SwapTap(RtEngine engine, RecordTap incoming, Recordings owner) {
        super(NOW);
        this.engine = engine;
        this.incoming = incoming;
        this.owner = owner;
    }

    @Override
    protected void performOnRt(World world) {
        outgoing = engine.swapBlockTap(incoming);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (outgoing instanceof RecordTap t) owner.finish(t.recorder);
    }
}
