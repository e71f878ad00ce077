package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiRoute;
import dev.sonora.server.midi.message.NoteRouting;

/**
 * Where one input's messages go: everything to Lang, control changes to the audio thread, and
 * note-ons and note-offs to the note buffer only while a direct note mapping wants them, so that
 * without one that buffer is never filled and nothing is counted as dropped there.
 */
class MidiRouteTest {
    final MidiBuffer lang = new MidiBuffer(1024);
    final MidiBuffer rt = new MidiBuffer(1024);
    final MidiBuffer notes = new MidiBuffer(256);
    final NoteRouting routing = new NoteRouting();
    final MidiRoute route = new MidiRoute(lang.producer(), rt.producer(), notes.producer(), routing, 3);

    private void playSome(int times) {
        for (int i = 0; i < times; i++) {
            route.shortMessage(0x91, 60, 100, i); // note-on, channel 2
            route.shortMessage(0x81, 60, 0, i); // note-off
            route.shortMessage(0x91, 62, 0, i); // note-on at velocity 0: a note-off
            route.shortMessage(0xB1, 74, 30, i); // cc
            route.shortMessage(0xE1, 0, 64, i); // bend
        }
    }

    @Test
    void notesGoToTheNoteBufferOnlyWhileWanted() {
        playSome(200); // 600 notes: more than the note buffer holds
        assertEquals(0, notes.producer().sent() + notes.producer().dropped(), "nothing routed while no mapping wants notes");
        assertEquals(200, rt.producer().sent(), "control changes to the audio thread");
        assertEquals(1000, lang.producer().sent(), "everything to Lang");

        routing.wanted(true);
        playSome(1);
        MidiMessage m = new MidiMessage();
        StringBuilder got = new StringBuilder();
        while (notes.consumer().tryPop(m)) got.append(Integer.toHexString(m.status)).append(' ').append(m.data1).append(' ')
                .append(m.data2).append(" src ").append(m.source).append(" t ").append(m.time).append('|');
        assertEquals("91 60 100 src 3 t 0|81 60 0 src 3 t 0|91 62 0 src 3 t 0|", got.toString());

        routing.wanted(false);
        playSome(1);
        assertFalse(notes.consumer().hasWaiting());
        assertTrue(rt.producer().dropped() == 0 && lang.producer().dropped() == 0);
    }
}
