package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiType;

/** The one table of MIDI type names and status bytes, and the one velocity-0 rule, as the API states them. */
class MidiTypeTest {
    @Test
    void theNamesMidiOnTakesAreTheTableAndAny() {
        assertEquals(List.of("noteon", "noteoff", "cc", "bend", "program", "touch", "polytouch", "clock", "start", "continue",
                "stop", "any"), MidiDispatcher.TYPES);
        for (MidiType t : MidiType.values()) {
            assertSame(t, MidiType.named(t.label().toUpperCase(java.util.Locale.ROOT)));
            int status = t.status() < 0xF0 ? t.status() | 9 : t.status(); // channel 10
            assertSame(t, MidiType.of(status, 64), t.label());
        }
        assertNull(MidiType.named("any"), "any is a handler filter, not a message type");
        assertNull(MidiType.named("sysex"));
    }

    @Test
    void aNoteOnWithVelocityZeroIsANoteOffEverywhere() {
        MidiMessage quiet = new MidiMessage(0x93, 60, 0);
        assertSame(MidiType.NOTE_OFF, quiet.type());
        assertTrue(quiet.isNoteOff());
        assertFalse(quiet.isNoteOn());
        assertEquals("noteon(0) ch4 60 0 @0", quiet.toString(), "shown as it came");
        assertSame(MidiType.NOTE_ON, new MidiMessage(0x93, 60, 1).type());
        assertSame(MidiType.NOTE_OFF, new MidiMessage(0x83, 60, 64).type());
    }

    @Test
    void messagesWithoutANameHaveNoType() {
        assertNull(MidiType.of(0xF2, 0), "song position");
        assertNull(MidiType.of(0xFE, 0), "active sensing");
        assertEquals("sys F8 0 0 @0", new MidiMessage(0xF8, 0, 0).toString());
        assertFalse(MidiMessage.isControlChange(0xF0 | 0x0B));
        assertTrue(MidiMessage.isControlChange(0xBF));
    }
}
