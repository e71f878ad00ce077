package dev.sonora.server.rt;

/** Ramps the master gain to {@code target} over {@code seconds} (mutate). */
public final class SetMasterGain extends Command {
    private final float target;
    private final float seconds;

    public SetMasterGain(long time, float target, float seconds) {
        super(time);
        this.target = target;
        this.seconds = seconds;
    }

    @Override
    protected void performOnRt(World world) {
        MasterGain g = world.masterGain;
        g.target = target;
        float samples = Math.max(1f, seconds * world.sampleRate);
        g.step = (target - g.current) / samples;
        if (g.step == 0f) g.current = target;
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
    }
}
