package dev.sonora.server.midi.out;

import java.util.function.Consumer;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.outbound.OutboundQueue;

/**
 * One open MIDI output: short messages queued with the instant they must leave, sent by the
 * {@link OutboundQueue}'s thread, which also keeps which notes this output holds (note-ons sent
 * and not yet ended), so {@link #release} can end every one of them (hush).
 *
 * <p>{@link #send}, {@link #release}, {@link #panic} from Lang (any non-audio thread); the note
 * table and the device are touched only on the queue's thread. A device that fails is reported
 * once, in one line, and what is sent to it afterwards is dropped.
 */
public final class MidiOut implements AutoCloseable {
    public final String name;
    private final MidiDevice device;
    private final Receiver receiver;
    private final OutboundQueue queue;
    private final Consumer<String> report;
    private final int[] held = new int[16 * 128]; // queue thread's own: note-ons minus note-offs sent, per (channel, note)
    private volatile boolean failed;
    private volatile long sent;

    private MidiOut(String name, MidiDevice device, Receiver receiver, OutboundQueue queue, Consumer<String> report) {
        this.name = name;
        this.device = device;
        this.receiver = receiver;
        this.queue = queue;
        this.report = report;
    }

    /** Opens the device's receiver; one line if it cannot. */
    public static MidiOut open(String name, MidiDevice device, OutboundQueue queue, Consumer<String> report) {
        try {
            if (!device.isOpen()) device.open();
            new ShortMessage(MidiMessage.NOTE_OFF, 0, 0, 0); // loads and links the message classes here, not on the first note's way out
            return new MidiOut(name, device, device.getReceiver(), queue, report);
        } catch (MidiUnavailableException | InvalidMidiDataException | RuntimeException e) {
            throw new MidiException("midi.out: cannot open '" + name + "' (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /** Queues one short message (bytes already checked) to leave at {@code dueNanos}. */
    public void send(long dueNanos, int status, int data1, int data2) {
        send(dueNanos, this, status, data1, data2);
    }

    /**
     * Queues one message under another owner (the clock's ticks), so {@link #release} does not
     * drop them; {@link OutboundQueue#cancel} with that owner does.
     */
    public void send(long dueNanos, Object owner, int status, int data1, int data2) {
        queue.at(dueNanos, owner, () -> sendNow(status, data1, data2));
    }

    /** Drops what {@code owner} queued here for {@code fromNanos} or later (the clock's pulses after its Stop). */
    public void cancel(Object owner, long fromNanos) {
        queue.cancelFrom(owner, fromNanos);
    }

    /** Drops what this output has queued and not sent, then ends every note it holds, at once (hush). */
    public void release() {
        queue.cancel(this);
        queue.at(System.nanoTime(), this, this::endHeldNotes);
    }

    /** Ends every note it holds at {@code dueNanos} (a shared transport stopped); what is queued stays. */
    public void endHeldNotesAt(long dueNanos) {
        queue.at(dueNanos, this, this::endHeldNotes);
    }

    /** {@link #release}, then all-notes-off and all-sound-off on every channel. */
    public void panic() {
        release();
        queue.at(System.nanoTime(), this, () -> {
            for (int ch = 0; ch < 16; ch++) {
                sendNow(MidiMessage.CONTROL_CHANGE | ch, 123, 0);
                sendNow(MidiMessage.CONTROL_CHANGE | ch, 120, 0);
            }
        });
    }

    private void endHeldNotes() {
        for (int k = 0; k < held.length; k++) {
            if (held[k] > 0) sendNow(MidiMessage.NOTE_OFF | k >>> 7, k & 0x7F, 0);
        }
    }

    /** Queue thread only. */
    private void sendNow(int status, int data1, int data2) {
        if (failed) return;
        int command = MidiMessage.command(status);
        int key = (status & 0x0F) << 7 | data1;
        if (command == MidiMessage.NOTE_ON && data2 > 0) {
            held[key]++;
        } else if (command == MidiMessage.NOTE_OFF || command == MidiMessage.NOTE_ON) {
            held[key] = 0; // a note-off ends the note on the receiving synth, however many note-ons it had
        }
        try {
            ShortMessage m = status >= 0xF0 && MidiMessage.dataLength(status) == 0
                    ? new ShortMessage(status) : new ShortMessage(status, data1, data2);
            receiver.send(m, -1);
            sent++;
        } catch (InvalidMidiDataException | RuntimeException e) {
            failed = true;
            report.accept("midi.out '" + name + "': sending failed (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); what is sent to it from now on is dropped: midi.out('" + name + "') opens it again");
        }
    }

    /** Messages sent so far. Any thread (a recent figure). */
    public long sent() {
        return sent;
    }

    public boolean failed() {
        return failed;
    }

    /** The notes held now, as the queue thread last saw them. Queue thread, or a test after it went quiet. */
    public int held() {
        int n = 0;
        for (int h : held) if (h > 0) n++;
        return n;
    }

    @Override
    public void close() {
        queue.cancel(this);
        try {
            receiver.close();
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
