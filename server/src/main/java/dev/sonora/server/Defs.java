package dev.sonora.server;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.sonora.server.synth.SynthDef;

/** One server's synth definitions by name. Any thread. */
final class Defs {
    private final Map<String, SynthDef> byName = new ConcurrentHashMap<>();

    /** Adds or replaces; running synths keep the definition they were built from. Returns the replaced one, or null. */
    SynthDef add(SynthDef def) {
        return byName.put(def.name(), def);
    }

    SynthDef get(String name) {
        return byName.get(name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** The definition, or a one-line refusal listing the performer's own names. */
    SynthDef require(String name) {
        SynthDef def = byName.get(name);
        if (def != null) return def;
        // internal defs (the sample players "__sample1"...) are not the performer's
        var mine = new TreeSet<String>();
        for (String k : byName.keySet()) if (!k.startsWith("__")) mine.add(k);
        throw new ServerException("unknown synth '" + name + "'" + (mine.isEmpty()
                ? " (no synths defined yet: def(name, fn) first)" : " (defined: " + String.join(", ", mine) + ")"));
    }
}
