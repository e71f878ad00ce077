package dev.sonora.repl.lang;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import dev.sonora.server.synth.DefException;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.Units;

/**
 * One synth graph under construction, as the prelude sees it while a {@code def} function
 * runs. Signals go to JS as opaque handles and come back as unit inputs. Every mistake
 * throws {@link DefException} at definition time. Lang thread only.
 */
public final class GraphBridge {
    private final GraphBuilder builder;

    /** A graph of {@code units}: its server's unit types. */
    GraphBridge(Units units) {
        this.builder = new GraphBuilder(units);
    }

    @HostAccess.Export
    public Object constant(double v) {
        return builder.constant(v);
    }

    @HostAccess.Export
    public Object control(String name, double defaultValue) {
        return builder.control(name, defaultValue);
    }

    /** A unit; {@code inputs} is a JS array of signal handles. */
    @HostAccess.Export
    public Object unit(String type, Value inputs) {
        return builder.unit(type, signals(type, inputs));
    }

    @HostAccess.Export
    public Object mix(Value inputs) {
        return builder.mix(signals("mix", inputs));
    }

    /** Joins signals into one multichannel signal ([left, right] from a def, a stereo bus read). */
    @HostAccess.Export
    public Object join(Value inputs) {
        return builder.channels(signals("channels", inputs));
    }

    @HostAccess.Export
    public int channels(Object signal) {
        return signal(signal, "channels").channels();
    }

    @HostAccess.Export
    public Object channel(Object signal, int k) {
        return signal(signal, "channel").channel(k);
    }

    /**
     * The builder itself, for front-end code that finishes a graph its own way (an {@code ndef}
     * source gets its fade unit and writes its proxy's bus). Lang thread; not reachable from scripts.
     */
    public GraphBuilder builder() {
        return builder;
    }

    /** A signal handle that came back from JS, as the signal it is (a {@link DefException} if not one). */
    public static Signal signalOf(Object o, String what) {
        return signal(o, what);
    }

    /** Finishes the graph: a null or silent (0-channel) result means it writes its own outputs. */
    SynthDef build(String name, Object result) {
        Signal s = result == null ? null : signal(result, name);
        return builder.build(name, s != null && s.channels() > 0 ? s : null);
    }

    private Signal[] signals(String what, Value inputs) {
        Signal[] s = new Signal[(int) inputs.getArraySize()];
        for (int i = 0; i < s.length; i++) {
            Value v = inputs.getArrayElement(i);
            s[i] = v.isHostObject() ? signal(v.asHostObject(), what) : null;
            if (s[i] == null) throw new DefException(what + ": input " + (i + 1) + " is not a signal");
        }
        return s;
    }

    private static Signal signal(Object o, String what) {
        if (o instanceof Signal s) return s;
        throw new DefException(what + ": expected a signal, got " + o);
    }
}
