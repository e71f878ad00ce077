package dev.sonora.server.midi.device;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Transmitter;

import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiRoute;
import dev.sonora.server.midi.message.NoteRouting;

/**
 * One open input: the device, its transmitter, the receiver on the device thread and the
 * buffers it fills (to Lang, to the audio thread, and notes to the direct note mappings). Opened and closed on a non-audio thread;
 * the receiver side runs on the device's thread.
 */
public final class MidiInput {
    public final String name;
    final int source;
    public final MidiDevice device;
    public final MidiBuffer toLang;
    public final MidiBuffer toRt;
    public final MidiBuffer toNotes;
    public final DeviceReceiver receiver;
    final MidiRoute route;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final MidiListener listener;
    private Transmitter transmitter;

    public MidiInput(String name, int source, MidiDevice device, int capacity, NoteRouting notes, MidiListener listener) {
        this.name = name;
        this.source = source;
        this.device = device;
        this.listener = listener;
        this.toLang = new MidiBuffer(capacity);
        this.toRt = new MidiBuffer(capacity);
        this.toNotes = new MidiBuffer(capacity);
        this.route = new MidiRoute(toLang.producer(), toRt.producer(), toNotes.producer(), notes, source);
        this.receiver = new DeviceReceiver(new MidiParser(route), () -> lost("closed by its driver"));
    }

    /** Opens the device and connects its transmitter to our receiver. One line on failure. */
    public void open() {
        try {
            if (!device.isOpen()) device.open();
            transmitter = device.getTransmitter();
            transmitter.setReceiver(receiver);
        } catch (MidiUnavailableException | RuntimeException e) {
            close();
            throw new MidiException("midi.open: cannot open '" + name + "' (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** The number its messages carry as {@link dev.sonora.server.midi.message.MidiMessage#source}. */
    public int source() {
        return source;
    }

    /** Reports the loss once, whoever notices first. */
    public void lost(String reason) {
        if (!lost.compareAndSet(false, true)) return;
        if (listener != null) {
            try {
                listener.inputLost(name, reason);
            } catch (RuntimeException e) {
                // a listener bug must not take the device thread or the watch down
            }
        }
    }

    boolean isLost() {
        return lost.get();
    }

    /** Closes our transmitter and the device. Quiet: closing twice, or a device already gone, is fine. */
    public void close() {
        lost.set(true); // a deliberate close is not news
        try {
            if (transmitter != null) transmitter.close();
        } catch (RuntimeException e) {
            // already gone
        }
        try {
            device.close();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
