package dev.sonora.repl.run;

import dev.sonora.server.Server;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.UnitType;

/**
 * The exit fade: a unit that scales the main output (buses 0 and 1) from 1 down to 0 over a
 * few milliseconds and then holds it at 0, placed at the tail of the root group so it runs
 * after every synth. Quitting then ends in silence instead of a click. The unit is internal
 * (its name starts with '_', so the prelude does not offer it to scripts).
 *
 * <p>{@link #start} is called from the quitting thread; the kernel runs on the audio thread
 * and allocates nothing.
 */
public final class FadeOut extends Ugen {
    static final String UNIT = "_fadeout";

    private static final UnitType TYPE = new UnitType(UNIT, new String[] {"seconds"}, new float[] {0.05f}, 0, false,
            (ctx, in, out) -> new FadeOut(ctx.world().audioBuses, Math.max(1, Math.round(in[0].value * ctx.sampleRate()))));

    private final float[][] buses;
    private final int length;
    private int done;

    private FadeOut(float[][] buses, int length) {
        this.buses = buses;
        this.length = length;
    }

    @Override
    public void process(int from, int to) {
        final float[] l = buses[0];
        final float[] r = buses[1];
        final float step = 1f / length;
        int k = done;
        for (int i = from; i < to; i++) {
            // a linear ramp to 0; past its end the output stays silent
            float g = k >= length ? 0f : 1f - k * step;
            l[i] *= g;
            r[i] *= g;
            k++;
        }
        done = Math.min(k, length);
    }

    /** Starts fading the main output out over {@code seconds}. Any non-audio thread. */
    public static void start(Server server, double seconds) {
        // the type is this server's alone (registered on its own units, not a global table)
        if (server.units().get(UNIT) == null) server.units().register(TYPE);
        GraphBuilder b = new GraphBuilder(server.units());
        b.unit(UNIT, b.constant(seconds));
        SynthDef def = b.build("exit-fade", null);
        server.synth(def, null, null, AddAction.TAIL, server.rootGroup(), Command.NOW);
    }
}
