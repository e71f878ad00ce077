package dev.sonora.server.midi;

import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

import dev.sonora.server.midi.message.MidiMessage;

/**
 * A MIDI input device that exists only in the test: it transmits whatever the test hands to
 * {@link #play}, on the calling thread, as a driver's callback thread would.
 */
public final class FakeMidiDevice implements MidiDevice {
    private final Info info;
    private final int maxTransmitters;
    private final List<FakeTransmitter> transmitters = new ArrayList<>();
    private boolean open;
    boolean failToOpen;

    public FakeMidiDevice(String name, int maxTransmitters) {
        this.info = new Info(name, "test", "a fake device", "1") { };
        this.maxTransmitters = maxTransmitters;
    }

    /** What the device sends: to every connected receiver. */
    public void play(javax.sound.midi.MidiMessage m) {
        for (FakeTransmitter t : transmitters) {
            if (t.receiver != null) t.receiver.send(m, -1);
        }
    }

    final class FakeTransmitter implements Transmitter {
        Receiver receiver;

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

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public void open() throws javax.sound.midi.MidiUnavailableException {
        if (failToOpen) throw new javax.sound.midi.MidiUnavailableException("device busy");
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
        return 0;
    }

    @Override
    public int getMaxTransmitters() {
        return maxTransmitters;
    }

    @Override
    public Receiver getReceiver() throws javax.sound.midi.MidiUnavailableException {
        throw new javax.sound.midi.MidiUnavailableException("no receivers");
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public Transmitter getTransmitter() {
        FakeTransmitter t = new FakeTransmitter();
        transmitters.add(t);
        return t;
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }
}
