package dev.sonora.server.record;

import java.util.function.Consumer;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.World;

/**
 * Starts or stops a recording on the audio thread (swap): the new tap (or none) goes in at the
 * top of a block, the old one comes back to NRT, which has its recording finished on the Disk
 * thread. Every block the old tap took is already on its full queue by then, so nothing is lost.
 */
public final class SwapTap extends Command {
    private final RtEngine engine;
    private final RecordTap incoming;
    private final Consumer<Recorder> finishOnNrt;
    private RtEngine.BlockTap outgoing;

    /** {@code finishOnNrt} is handed the recording whose tap came off, on NRT. */
    public SwapTap(RtEngine engine, RecordTap incoming, Consumer<Recorder> finishOnNrt) {
        super(NOW);
        this.engine = engine;
        this.incoming = incoming;
        this.finishOnNrt = finishOnNrt;
    }

    @Override
    protected void performOnRt(World world) {
        outgoing = engine.swapBlockTap(incoming);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (outgoing instanceof RecordTap t) finishOnNrt.accept(t.recorder);
    }
}
