package dev.sonora.server.midi.device;

import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

import dev.sonora.server.midi.message.MidiMessage;

/**
 * The {@link Receiver} a MIDI input device's transmitter calls: turns each message back into
 * bytes for the {@link MidiParser}, which routes the result into the buffers. Runs on the
 * device's callback thread: it never blocks and never throws back into the driver (a failure
 * is counted and kept for status); short messages cost no allocation.
 */
public final class DeviceReceiver implements Receiver {
    private final MidiParser parser;
    private final Runnable onClose;
    private volatile boolean closed;
    private long failures;
    private volatile Throwable lastFailure;

    DeviceReceiver(MidiParser parser, Runnable onClose) {
        this.parser = parser;
        this.onClose = onClose;
    }

    @Override
    public void send(javax.sound.midi.MidiMessage message, long timeStamp) {
        if (closed || message == null) return;
        try {
            final long now = System.nanoTime(); // arrival: what latency is measured from
            if (message instanceof ShortMessage s) {
                int length = s.getLength();
                parser.feed(s.getStatus(), now);
                if (length > 1) parser.feed(s.getData1(), now);
                if (length > 2) parser.feed(s.getData2(), now);
            } else {
                byte[] bytes = message.getMessage(); // SysEx and meta: a copy, allocation accepted here
                parser.feed(bytes, 0, Math.min(bytes.length, message.getLength()), now);
            }
        } catch (Throwable t) {
            failures++;
            lastFailure = t;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            onClose.run();
        } catch (Throwable t) {
            lastFailure = t;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    long failures() {
        return failures;
    }

    Throwable lastFailure() {
        return lastFailure;
    }

    public MidiParser parser() {
        return parser;
    }
}
