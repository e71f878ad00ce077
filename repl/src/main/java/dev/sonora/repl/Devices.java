package dev.sonora.repl;

import java.io.PrintStream;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;

import dev.sonora.server.driver.JavaSoundDriver;

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
        int found = 0;
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                // a device that can transmit is an input from our side; skip the synthesizer/sequencer
                if (d.getMaxTransmitters() == 0 || d instanceof javax.sound.midi.Sequencer) continue;
                if (found++ == 0) out.println("MIDI inputs (opening them comes with issue #7):");
                out.println("  " + info.getName() + " — " + info.getDescription());
            } catch (MidiUnavailableException e) {
                // a device that cannot be opened is not worth listing
            }
        }
        if (found == 0) out.println("MIDI inputs: none found");
    }
}
