package dev.sonora.server.midi;

import static dev.sonora.server.midi.RenderedNotes.midicps;
import static dev.sonora.server.midi.RenderedNotes.onsets;
import static dev.sonora.server.midi.RenderedNotes.pitch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.Rig;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.midi.file.MidiFileException;
import dev.sonora.server.midi.file.SmfPlayer;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.synth.GraphBuilder;

/**
 * A MIDI file rendered offline through the same path as live input (player -> buffers ->
 * Lang-side dispatch -> a synth per note-on, scheduled at the event's sample): the onsets and
 * pitches measured in the rendered audio match the file, to the sample.
 */
class MidiFileRenderTest {
    static final int SR = 48000;

    static void defineTone(Rig rig) {
        GraphBuilder b = new GraphBuilder();
        var env = b.unit("perc", b.constant(0.002), b.constant(0.3));
        rig.server.addDef(b.build("tone", b.unit("mul", b.unit("sine", b.control("freq", 440)),
                b.unit("mul", env, b.constant(0.3)))));
    }


    /** Renders the file through a hub; returns the rendered left channel. */
    static float[] render(Path file, Rig rig, List<String> handlerErrors, MidiHandler extra) throws Exception {
        defineTone(rig);
        try (MidiHub hub = new MidiHub(rig.server, List::of)) {
            MidiDispatcher d = new MidiDispatcher((what, e) -> handlerErrors.add(what + ": " + e.getMessage()));
            d.on("noteon", -1, m -> rig.server.synth("tone", new String[] {"freq"}, new float[] {(float) midicps(m.data1)},
                    AddAction.TAIL, rig.server.defaultGroup(), m.time));
            if (extra != null) d.on("any", -1, extra);
            SmfPlayer player = hub.playOffline(file, 0);
            MidiMessage scratch = new MidiMessage();
            long end = player.schedule().endTime() + SR / 2;
            // the render loop: pump the file up to the end of the next block, let Lang handle it, render the block
            while (rig.server.sampleTime() < end) {
                long blockEnd = rig.server.sampleTime() + rig.server.blockSize();
                player.pumpUntil(blockEnd);
                d.pollFrom(hub, scratch, Integer.MAX_VALUE);
                rig.blocks(1);
            }
            assertTrue(player.finished());
        }
        return java.util.Arrays.copyOf(rig.out.left(), rig.out.frames());
    }



    @Test
    void theCMajorScaleRendersSampleAccurateOnsetsAndMatchingPitches() throws Exception {
        Path file = MidiTestData.file("test-c-major-scale.mid");
        List<String> errors = new ArrayList<>();
        float[] x;
        try (Rig rig = new Rig(ServerOptions.defaults(), SR * 6)) {
            x = render(file, rig, errors, null);
            assertEquals(List.of(), rig.errors);
        }
        assertEquals(List.of(), errors);
        List<Integer> on = onsets(x, 2000);
        assertEquals(8, on.size(), "onsets " + on);
        int[] notes = {60, 62, 64, 65, 67, 69, 71, 72};
        // the player starts at sample 0; the first audible sample of a note is its start + a fixed offset
        int offset = on.get(0);
        assertTrue(offset >= 0 && offset < 4, "first onset at " + offset);
        for (int i = 0; i < 8; i++) {
            assertEquals(offset + 24_000 * i, (int) on.get(i), "note " + i + " onset (0.5 s = 24000 samples apart)");
            double f = pitch(x, on.get(i) + 480, on.get(i) + 480 + 9600, SR);
            assertEquals(midicps(notes[i]), f, midicps(notes[i]) * 0.001, "note " + i + " pitch");
        }
    }

    @Test
    void aFailingHandlerIsReportedAndTheSetKeepsPlaying() throws Exception {
        Path file = MidiTestData.file("test-c-major-scale.mid");
        List<String> errors = new ArrayList<>();
        float[] x;
        try (Rig rig = new Rig(ServerOptions.defaults(), SR * 6)) {
            x = render(file, rig, errors, m -> {
                if (m.isNoteOn() && m.data1 == 64) throw new IllegalStateException("boom on E");
            });
        }
        assertEquals(List.of("midi.on('any'): boom on E"), errors);
        assertEquals(8, onsets(x, 2000).size(), "every note still sounded");
    }

    @Test
    void everyTestFilePlaysOfflineOrIsRefusedAtOnce() throws Exception {
        int played = 0;
        int refused = 0;
        try (Rig rig = new Rig(ServerOptions.defaults(), 64); MidiHub hub = new MidiHub(rig.server, List::of)) {
            MidiMessage m = new MidiMessage();
            for (Path p : MidiTestData.all()) {
                SmfPlayer player;
                try {
                    player = hub.playOffline(p, rig.server.sampleTime());
                } catch (MidiFileException e) {
                    assertTrue(e.getMessage().startsWith(p.getFileName() + ": "), e.getMessage());
                    refused++;
                    continue;
                }
                int events = 0;
                // jump through the file a second at a time; the Lang side takes everything
                for (long t = 0; player.schedule().remaining() > 0; t += SR) {
                    player.pumpUntil(t);
                    while (hub.poll(m)) events++;
                }
                assertEquals(player.schedule().size(), events, p.getFileName().toString());
                played++;
            }
            rig.blocks(1);
            assertEquals(List.of(), rig.errors);
        }
        assertEquals(69, played);
        assertEquals(3, refused);
    }
}
