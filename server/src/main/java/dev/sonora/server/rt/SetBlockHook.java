package dev.sonora.server.rt;

import java.util.concurrent.CompletableFuture;

/**
 * Installs (or, with null, removes) the engine's block-start hook on the audio thread, at the
 * top of a block (swap). The hook field belongs to the audio thread alone; {@link #replaced}
 * completes on NRT with the hook that was taken out, and from then on the audio thread will
 * never call that hook again: a caller that waits for it may free what the old hook used.
 */
public final class SetBlockHook extends Command {
    private final RtEngine engine;
    private final RtEngine.BlockHook incoming;
    private final CompletableFuture<RtEngine.BlockHook> replaced = new CompletableFuture<>();
    private RtEngine.BlockHook outgoing;

    public SetBlockHook(RtEngine engine, RtEngine.BlockHook hook) {
        super(NOW);
        this.engine = engine;
        this.incoming = hook;
    }

    /** Completes (on NRT) with the hook this one replaced, once the audio thread no longer calls it. */
    public CompletableFuture<RtEngine.BlockHook> replaced() {
        return replaced;
    }

    @Override
    protected void performOnRt(World world) {
        outgoing = engine.swapBlockHookOnRt(incoming);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        replaced.complete(outgoing);
    }
}
