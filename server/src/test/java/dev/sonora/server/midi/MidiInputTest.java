package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;

import org.junit.jupiter.api.Test;

import dev.sonora.server.Rig;
import dev.sonora.server.midi.device.MidiInputs;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiMessage;

/** Opening inputs, the receiver on the device thread, and a device going away mid-set. */
class MidiInputTest {
    final FakeMidiDevice keys = new FakeMidiDevice("Keys", -1);
    final FakeMidiDevice pads = new FakeMidiDevice("Pads", 1);
    final FakeMidiDevice synthOut = new FakeMidiDevice("Out Port", 0); // receives only: not an input
    final List<MidiDevice> present = new ArrayList<>(List.of(keys, pads, synthOut));
    final MidiInputs.DeviceSource source = () -> List.copyOf(present);

    @Test
    void listsTransmittingDevicesOnly() {
        assertEquals(List.of("Keys (a fake device)", "Pads (a fake device)"), MidiInputs.list(source));
    }

    @Test
    void theSystemListWorksHeadlessAndHoldsNoSynthOrSequencer() {
        List<String> names = MidiInputs.list(); // no MIDI hardware here: typically empty
        for (String n : names) {
            assertFalse(n.startsWith("Real Time Sequencer") || n.startsWith("Gervill"), n);
        }
    }

    @Test
    void closesByAPartOfTheNameAsOpenTakesIt() {
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.open("all");
            MidiException e = assertThrows(MidiException.class, () -> hub.close("fake"));
            assertTrue(e.getMessage().startsWith("midi.close('fake'): 2 open inputs match"), e.getMessage());
            hub.close("KEYS");
            assertFalse(keys.isOpen());
            assertTrue(pads.isOpen());
            assertEquals(List.of("Pads (a fake device)"), List.copyOf(hub.opened()));
            e = assertThrows(MidiException.class, () -> hub.close("keys"));
            assertEquals("midi.close('keys'): not open (open: Pads (a fake device))", e.getMessage());
            hub.close("Pads (a fake device)");
            assertFalse(pads.isOpen());
        }
    }

    @Test
    void opensByNameOrAllAndRefusesInOneLine() {
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            assertEquals(List.of("Keys (a fake device)"), hub.open("keys"));
            assertTrue(keys.isOpen());
            assertEquals(List.of("Keys (a fake device)", "Pads (a fake device)"), hub.open("all"));
            MidiException e = assertThrows(MidiException.class, () -> hub.open("Drums"));
            assertEquals("midi.open('Drums'): no MIDI input by that name (inputs: Keys (a fake device), Pads (a fake device))", e.getMessage());
            e = assertThrows(MidiException.class, () -> hub.open("fake"));
            assertTrue(e.getMessage().startsWith("midi.open('fake'): 2 inputs match"), e.getMessage());
        }
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, List::of)) {
            MidiException e = assertThrows(MidiException.class, () -> hub.open("all"));
            assertEquals("midi.open('all'): no MIDI inputs found", e.getMessage());
        }
        keys.failToOpen = true;
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            MidiException e = assertThrows(MidiException.class, () -> hub.open("Keys"));
            assertEquals("midi.open: cannot open 'Keys (a fake device)' (device busy)", e.getMessage());
        }
    }

    @Test
    void messagesFromEveryDeviceReachLangInOrderPerDevice() throws Exception {
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.open("all");
            keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
            pads.play(new ShortMessage(ShortMessage.CONTROL_CHANGE, 9, 1, 64));
            keys.play(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0));
            keys.play(new ShortMessage(ShortMessage.TIMING_CLOCK));
            keys.play(new SysexMessage(new byte[] {(byte) 0xF0, 0x7E, 0x7F, 0x09, 0x01, (byte) 0xF7}, 6));
            List<String> got = new ArrayList<>();
            MidiMessage m = new MidiMessage();
            while (hub.poll(m)) got.add(m.source + ":" + m.toString().replaceAll(" @.*", ""));
            assertEquals(4, got.size(), got.toString());
            assertEquals(List.of("0:noteon ch1 60 100", "0:noteoff ch1 60 0", "0:sys F8 0 0"),
                    got.stream().filter(s -> s.startsWith("0:")).toList());
            assertEquals(List.of("1:cc ch10 1 64"), got.stream().filter(s -> s.startsWith("1:")).toList());
            assertEquals(0, hub.dropped());
        }
    }

    @Test
    void aFloodIsDroppedAndCountedNeverBlockingTheDeviceThread() throws Exception {
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.open("Keys");
            ShortMessage note = new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100);
            for (int i = 0; i < 1000; i++) keys.play(note); // nobody takes: the Lang buffer fills
            assertEquals(1000 - MidiHub.BUFFER_CAPACITY, hub.dropped());
            MidiMessage m = new MidiMessage();
            int n = 0;
            while (hub.poll(m)) n++;
            assertEquals(MidiHub.BUFFER_CAPACITY, n);
        }
    }

    @Test
    void aReceiverNeverThrowsIntoTheDeviceThread() throws Exception {
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.open("Keys");
            var r = hub.receiverOf("Keys (a fake device)");
            r.send(null, -1);
            r.send(new javax.sound.midi.MidiMessage(new byte[] {(byte) 0x90, 60}) { // cut short, then junk
                @Override
                public Object clone() {
                    return this;
                }
            }, -1);
            r.send(new ShortMessage(ShortMessage.NOTE_ON, 0, 61, 1), -1);
            MidiMessage m = new MidiMessage();
            assertTrue(hub.poll(m));
            assertEquals(61, m.data1);
            assertEquals(2, hub.malformedBytes());
        }
    }

    @Test
    void anUnpluggedDeviceIsReportedOnceAndTheOthersKeepWorking() throws Exception {
        List<String> lost = new ArrayList<>();
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.setListener((name, reason) -> lost.add(name + ": " + reason));
            hub.open("all");
            rig.blocks(1);
            present.remove(keys); // unplugged
            assertEquals(1, hub.checkInputs());
            assertEquals(0, hub.checkInputs());
            assertEquals(List.of("Keys (a fake device): unplugged"), lost);
            assertEquals(List.of("Pads (a fake device)"), hub.opened());
            pads.close(); // closed under us
            hub.checkInputs();
            hub.checkInputs();
            assertEquals(List.of("Keys (a fake device): unplugged", "Pads (a fake device): closed"), lost);
            // plugged back in: opens again, and works
            present.add(keys);
            hub.open("Keys");
            keys.play(new ShortMessage(ShortMessage.NOTE_ON, 2, 64, 90));
            MidiMessage m = new MidiMessage();
            assertTrue(hub.poll(m));
            assertEquals(64, m.data1);
            rig.blocks(2);
            assertEquals(List.of(), rig.errors);
        }
    }

    @Test
    void aDriverClosingTheReceiverIsReportedOnce() throws Exception {
        List<String> lost = new ArrayList<>();
        try (Rig rig = new Rig(); MidiHub hub = new MidiHub(rig.server, source)) {
            hub.setListener((name, reason) -> lost.add(name + ": " + reason));
            hub.open("Pads");
            var r = hub.receiverOf("Pads (a fake device)");
            r.close();
            r.close();
            hub.checkInputs();
            assertEquals(List.of("Pads (a fake device): closed by its driver"), lost);
            assertEquals(List.of(), hub.opened());
        }
    }
}
