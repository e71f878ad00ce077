package dev.sonora.repl;

import dev.sonora.repl.lang.Extensions;
import dev.sonora.repl.link.LinkBridge;
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.repl.midi.MidiOutBridge;
import dev.sonora.repl.ndef.NdefBridge;
import dev.sonora.repl.observe.ObserveBridge;
import dev.sonora.repl.osc.OscBridge;
import dev.sonora.repl.pattern.PatternBridge;
import dev.sonora.repl.samples.SamplesBridge;
import dev.sonora.repl.time.TimeBridge;

/**
 * The parts of the JavaScript API with a Java side of their own, in load order: the tempo clock
 * and loops (prelude/time.mjs), Ableton Link (link.mjs), samples and recording (samples.mjs),
 * MIDI (midi.mjs), MIDI out and clock (midiout.mjs), OSC from scripts (osc.mjs), crossfading
 * proxies (ndef.mjs), patterns (patterns.mjs, which plays them on time.mjs's clock). Listed
 * here, above the language layer, so that {@code lang} depends on none of them. A new feature
 * with a bridge adds one line.
 */
public final class Features {
    private Features() {
    }

    /** A fresh list for one JS host. */
    public static Extensions all() {
        return new Extensions()
                .with("time", (server, lang, output, host) -> new TimeBridge(server, lang, output, host.bridge()))
                .with("link", LinkBridge::new) // Ableton Link: link.mjs; steers time's clock
                .with("samples", SamplesBridge::new)
                .with("midi", MidiBridge::new)
                // MIDI out and clock (midiout.mjs adds to midi.mjs's object); OSC from scripts: both after time, whose clock times them
                .with("midiout", MidiOutBridge::new)
                .with("osc", OscBridge::new)
                // crossfading proxies: ndef.mjs; after time, whose clock gives quant boundaries
                .with("ndef", NdefBridge::new)
                .with("patterns", (server, lang, output, host) -> new PatternBridge())
                // meters and scopes: observe.mjs (issue 15)
                .with("observe", ObserveBridge::new);
    }
}
