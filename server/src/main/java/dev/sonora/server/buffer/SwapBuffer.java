package dev.sonora.server.buffer;

import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/**
 * Puts a loaded buffer into its slot on the audio thread (swap); the buffer it replaces
 * comes back on the return queue inside this command and NRT releases it once no running
 * synth plays it any more.
 */
public final class SwapBuffer extends Command {
    private final BufferTable table;
    private final int slot;
    private final Buffer incoming;
    private Buffer outgoing;

    public SwapBuffer(BufferTable table, int slot, Buffer incoming) {
        super(NOW);
        this.table = table;
        this.slot = slot;
        this.incoming = incoming;
        table.installing(slot, incoming);
    }

    @Override
    protected void performOnRt(World world) {
        outgoing = world.swapBuffer(slot, incoming);
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        table.swappedOut(outgoing);
    }
}
