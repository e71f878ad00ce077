package dev.sonora.server.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/**
 * A virtual MIDI cable that exists only in the test, a Receiver/Transmitter pair: what is sent to
 * its receiver (as to an output port) is kept with its arrival instant ({@link System#nanoTime()})
 * and passed on to every transmitter's receiver (as from an input port), so Sonora can be wired to
 * itself, and a test can read what left and when.
 */
public final class LoopbackMidiDevice implements MidiDevice {
    /** One message as it arrived: its bytes and when. */
    public record Arrival(long nanos, int status, int data1, int data2) {
    }

    private final Info info;
    private final List<Transmitter> transmitters = new CopyOnWriteArrayList<>();
    public final List<Arrival> arrived = new CopyOnWriteArrayList<>();
    private boolean open;

    public LoopbackMidiDevice(String name) {
        this.info = new Info(name, "test", "a loopback cable", "1") { };
    }

    private final class In implements Receiver {
        @Override
        public void send(javax.sound.midi.MidiMessage m, long timeStamp) {
            long now = System.nanoTime();
            byte[] b = m.getMessage();
            arrived.add(new Arrival(now, b[0] & 0xFF, b.length > 1 ? b[1] & 0xFF : 0, b.length > 2 ? b[2] & 0xFF : 0));
            for (Transmitter t : transmitters) {
                Receiver r = t.getReceiver();
                if (r != null) r.send(m, timeStamp);
            }
        }

        @Override
        public void close() {
        }
    }

    private final class Out implements Transmitter {
        private volatile Receiver receiver;

        @Override
        public void setReceiver(Receiver r) {
            receiver = r;
        }

        @Override
        public Receiver getReceiver() {
            return receiver;
        }

        @Override
        public void close() {
            transmitters.remove(this);
        }
    }

    /** The messages of one status (the channel included) that arrived, in order. */
    public List<Arrival> of(int status) {
        List<Arrival> out = new ArrayList<>();
        for (Arrival a : arrived) if (a.status == status) out.add(a);
        return out;
    }

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long getMicrosecondPosition() {
        return -1;
    }

    @Override
    public int getMaxReceivers() {
        return -1;
    }

    @Override
    public int getMaxTransmitters() {
        return -1;
    }

    @Override
    public Receiver getReceiver() {
        return new In();
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public Transmitter getTransmitter() {
        Out t = new Out();
        transmitters.add(t);
        return t;
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }
}
