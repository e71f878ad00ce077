package dev.sonora.repl;

import java.io.PrintStream;
import java.util.List;

import dev.sonora.server.driver.JavaSoundDriver;
import dev.sonora.server.midi.device.MidiInputs;

/** {@code --list-devices} and {@code --list-midi}. Controlling thread. */
final class Devices {
    private Devices() {
    }

    static void listAudio(PrintStream out) {
        var devices = JavaSoundDriver.listDevices();
        if (devices.isEmpty()) {
            out.println("audio outputs: none found (sonora will play silently on the null driver; --render writes WAV files)");
            return;
        }
        out.println("audio outputs (use --device with a part of the name):");
        for (String d : devices) out.println("  " + d);
    }

    static void listMidi(PrintStream out) {
        List<String> inputs = MidiInputs.list();
        if (inputs.isEmpty()) {
            out.println("MIDI inputs: none found (midi.play('song.mid') plays files without one)");
            return;
        }
        out.println("MIDI inputs (use --midi-in or midi.open() with a part of the name, or all):");
        for (String d : inputs) out.println("  " + d);
    }
}
