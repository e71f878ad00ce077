package dev.sonora.server.midi.out;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;

import dev.sonora.server.midi.device.MidiInputs;
import dev.sonora.server.midi.message.MidiException;

/**
 * The MIDI output devices javax.sound.midi knows: ports that receive. The software synthesizer
 * and the sequencer are left out (the synthesizer would open a sound line of its own). Names are
 * the ones inputs use ({@link MidiInputs#name}). Any non-audio thread.
 */
public final class MidiOutputs {
    private MidiOutputs() {
    }

    public static List<MidiDevice> outputs(MidiInputs.DeviceSource source) {
        List<MidiDevice> out = new ArrayList<>();
        List<MidiDevice> all;
        try {
            all = source.devices();
        } catch (RuntimeException e) {
            return out; // no MIDI system at all: no outputs
        }
        for (MidiDevice d : all) {
            if (d.getMaxReceivers() != 0 && !(d instanceof Sequencer) && !(d instanceof Synthesizer)) out.add(d);
        }
        return out;
    }

    public static List<String> list(MidiInputs.DeviceSource source) {
        List<String> names = new ArrayList<>();
        for (MidiDevice d : outputs(source)) names.add(MidiInputs.name(d));
        return names;
    }

    /**
     * The one output a request names: an exact name, else the only one whose name contains the
     * text (case ignored). {@code what} begins the one-line refusal, e.g. {@code midi.out('x')}.
     */
    public static MidiDevice match(List<MidiDevice> outputs, String request, String what) {
        List<String> names = new ArrayList<>();
        for (MidiDevice d : outputs) names.add(MidiInputs.name(d));
        String available = names.isEmpty() ? " (no MIDI outputs found)" : " (outputs: " + String.join(", ", names) + ")";
        if (request == null || request.isBlank()) throw new MidiException(what + ": say which output, by a part of its name" + available);
        String lower = request.toLowerCase(Locale.ROOT);
        List<MidiDevice> partial = new ArrayList<>();
        for (MidiDevice d : outputs) {
            String n = MidiInputs.name(d);
            if (n.equals(request) || request.equals(d.getDeviceInfo().getName())) return d;
            if (n.toLowerCase(Locale.ROOT).contains(lower)) partial.add(d);
        }
        if (partial.size() == 1) return partial.get(0);
        if (partial.isEmpty()) throw new MidiException(what + ": no MIDI output by that name" + available);
        List<String> matching = new ArrayList<>();
        for (MidiDevice d : partial) matching.add(MidiInputs.name(d));
        throw new MidiException(what + ": " + partial.size() + " outputs match (" + String.join(", ", matching) + "); give more of the name");
    }
}
