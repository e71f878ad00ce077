package dev.sonora.server.midi.device;

import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;

import dev.sonora.server.midi.message.MidiException;

/**
 * The MIDI input devices javax.sound.midi knows: hardware and virtual ports that transmit.
 * The software synthesizer and the sequencer are not inputs and are left out. Any non-audio
 * thread; asking the system for devices may take a moment (never do it on the audio thread).
 */
public final class MidiInputs {
    /** Where devices come from: the system, or a fake one in tests. */
    @FunctionalInterface
    public interface DeviceSource {
        List<MidiDevice> devices();
    }

    /** The devices javax.sound.midi reports; ones that fail to answer are skipped. */
    public static final DeviceSource SYSTEM = () -> {
        List<MidiDevice> out = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                out.add(MidiSystem.getMidiDevice(info));
            } catch (MidiUnavailableException | RuntimeException e) {
                // a device that cannot even describe itself is not one we can open
            }
        }
        return out;
    };

    private MidiInputs() {
    }

    /** Names of the system's input devices, e.g. for {@code --list-midi} and {@code midi.devices()}. */
    public static List<String> list() {
        return list(SYSTEM);
    }

    public static List<String> list(DeviceSource source) {
        List<String> names = new ArrayList<>();
        for (MidiDevice d : inputs(source)) names.add(name(d));
        return names;
    }

    /** Input devices only: they transmit, and are neither a sequencer nor a synthesizer. */
    public static List<MidiDevice> inputs(DeviceSource source) {
        List<MidiDevice> out = new ArrayList<>();
        List<MidiDevice> all;
        try {
            all = source.devices();
        } catch (RuntimeException e) {
            return out; // no MIDI system at all: no inputs
        }
        for (MidiDevice d : all) {
            if (isInput(d)) out.add(d);
        }
        return out;
    }

    static boolean isInput(MidiDevice d) {
        return d.getMaxTransmitters() != 0 && !(d instanceof Sequencer) && !(d instanceof Synthesizer);
    }

    /** The name a performer types: the device name (description added when it says more). */
    public static String name(MidiDevice d) {
        MidiDevice.Info i = d.getDeviceInfo();
        String n = i.getName() == null ? "?" : i.getName().trim();
        String desc = i.getDescription() == null ? "" : i.getDescription().trim();
        return desc.isEmpty() || desc.equals(n) || desc.startsWith("No details") ? n : n + " (" + desc + ")";
    }

    /**
     * The inputs a request names: "all", an exact name, or else the ones whose name contains
     * the text (case ignored). Refuses with one line listing what there is.
     */
    public static List<MidiDevice> match(List<MidiDevice> inputs, String request) {
        if (request == null || request.isBlank()) throw new MidiException("midi.open: say which input ('all' or a name)" + available(inputs));
        if (request.equalsIgnoreCase("all")) {
            if (inputs.isEmpty()) throw new MidiException("midi.open('all'): no MIDI inputs found");
            return inputs;
        }
        List<MidiDevice> exact = new ArrayList<>();
        List<MidiDevice> partial = new ArrayList<>();
        for (MidiDevice d : inputs) {
            String n = name(d);
            if (n.equals(request) || d.getDeviceInfo().getName().equals(request)) exact.add(d);
            else if (partOfName(request, n)) partial.add(d);
        }
        if (!exact.isEmpty()) return exact;
        if (partial.size() == 1) return partial;
        if (partial.isEmpty()) throw new MidiException("midi.open('" + request + "'): no MIDI input by that name" + available(inputs));
        List<String> names = new ArrayList<>();
        for (MidiDevice d : partial) names.add(name(d));
        throw new MidiException("midi.open('" + request + "'): " + partial.size() + " inputs match (" + String.join(", ", names)
                + "); give more of the name, or 'all'");
    }

    /** Whether {@code request} is a part of {@code name}, case ignored: how a script may name an input. */
    public static boolean partOfName(String request, String name) {
        return name.toLowerCase(java.util.Locale.ROOT).contains(request.toLowerCase(java.util.Locale.ROOT));
    }

    private static String available(List<MidiDevice> inputs) {
        if (inputs.isEmpty()) return " (no MIDI inputs found)";
        List<String> names = new ArrayList<>();
        for (MidiDevice d : inputs) names.add(name(d));
        return " (inputs: " + String.join(", ", names) + ")";
    }
}
