package dev.sonora.server.osc.rt;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/**
 * The audio thread's part of {@code /sync}: nothing, performed in turn after every command sent
 * before it, so its completion on NRT comes after theirs (and after their replies, which their
 * completions send). scsynth answers {@code /synced} in that order, and clients rely on it: a
 * {@code /c_get} or {@code /g_queryTree} sent before {@code /sync} has answered when
 * {@code /synced} arrives.
 */
public final class SyncMark extends Command {
    private final Runnable done;

    public SyncMark(long time, Runnable done) {
        super(time);
        this.done = done;
    }

    @Override
    protected void performOnRt(World world) {
        // its place in the queue is the whole point
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        done.run();
    }
}
