package dev.sonora.repl.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sound.midi.ShortMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.LiveHost;
import dev.sonora.server.midi.FakeMidiDevice;
import dev.sonora.server.rt.AudioOut;

/**
 * Direct note mappings ({@code midi.notes().play(def)}) live on the clocked null driver with a fake
 * keyboard: what a note sets on its synth (read back from the output level), the release at the
 * note-off, channels, a note struck twice, removing the mapping, and the one-line refusals.
 */
class MidiNotesTest {
    /** Keeps the left channel's last sample: a held probe synth's level says what its controls are. */
    static final class LevelOut implements AudioOut {
        volatile float level;

        @Override
        public void write(float[] left, float[] right, int n) {
            level = left[n - 1];
        }
    }

    // level = freq / 10000 + velocity / 10 + amp, held until the note-off releases it (1 ms)
    static final String PROBE = "def('probe', ({freq = 0, velocity = 0, amp = 0.5, gate = 1}) =>"
            + " freq.mul(0.0001).add(velocity.mul(0.1)).add(amp).mul(adsr(0, 0, 1, 0.001, gate)))";

    FakeMidiDevice keys;
    LevelOut out;
    LiveHost live;

    @BeforeEach
    void start() throws Exception {
        keys = new FakeMidiDevice("Keys", -1);
        out = new LevelOut();
        live = new LiveHost(out, 256);
        live.onLang(() -> {
            live.host.extension("midi", MidiBridge.class).useDevices(() -> List.of(keys));
            return null;
        });
        live.eval(PROBE + "\nmidi.open('Keys')", "notes.js");
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    private void note(int channel, int note, int velocity) throws Exception {
        keys.play(new ShortMessage(velocity > 0 ? ShortMessage.NOTE_ON : ShortMessage.NOTE_OFF, channel, note, velocity));
    }

    private int synths() {
        return live.server.status().synths();
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    private void awaitLevel(double expected, String what) throws Exception {
        await(() -> Math.abs(out.level - expected) < 1e-4, what + ": level " + expected + ", is " + out.level);
    }

    @Test
    void aNoteStartsTheDefWithItsPitchAndVelocityAndItsNoteOffReleasesIt() throws Exception {
        live.eval("const h = midi.notes().play('probe')", "t");
        assertEquals("'MidiHandler(notes -> \\'probe\\')'", live.eval("String(h)", "t")); // shown as a JS string
        note(0, 69, 127);
        // freq 440, velocity 1, amp: the def's 0.5 scaled by the velocity
        awaitLevel(0.044 + 0.1 + 0.5, "note 69 at velocity 127");
        note(0, 69, 0); // a note-on at velocity 0 is a note-off
        await(() -> synths() == 0, "the released note to end");
        assertEquals(0f, out.level);

        note(0, 57, 64);
        double v = 64 / 127.0;
        awaitLevel(0.022 + 0.1 * v + 0.5 * v, "note 57 at velocity 64");
        note(0, 57, 64); // struck again while it sounds: the first voice is released
        await(() -> synths() == 1, "one voice for a note struck twice, has " + synths());
        note(0, 57, 0);
        await(() -> synths() == 0, "the note to end");
        // a drum pad's note-off follows its note-on within a millisecond: the voice still opens and ends
        for (int i = 0; i < 20; i++) {
            note(0, 36, 110);
            note(0, 36, 0);
        }
        await(() -> synths() == 0, "20 pad hits to end, " + synths() + " left");
        assertEquals(List.of(), live.errors);
    }

    @Test
    void aDefThatCannotEndByItselfSoundsWhileTheKeyIsHeld() throws Exception {
        // no gate and no envelope: before, each note played on after its note-off, a stuck voice per key
        live.eval("def('drone', ({freq = 0}) => freq.mul(0.0001)); def('blip', () => perc(0.001, 0.05).mul(0.1))\n"
                + "midi.notes().play('drone'); midi.notes({channel: 2}).play('blip')", "t");
        note(0, 69, 100);
        awaitLevel(0.044, "the drone's note");
        note(0, 69, 0);
        await(() -> synths() == 0, "the drone freed at its note-off, " + synths() + " left");
        note(1, 60, 100);
        note(1, 60, 0); // a percussive def is not cut short: it ends by itself
        await(() -> synths() == 0, "the blip to end by itself");
        assertEquals(List.of(), live.errors);
    }

    @Test
    void theMappingsControlsAreKeptAndAmpIsScaledByTheVelocity() throws Exception {
        live.eval("midi.notes().play('probe', {amp: 0.2, freq: 1000})", "t");
        note(0, 60, 127);
        awaitLevel(0.1 + 0.1 + 0.2, "freq as given, amp as given");
        note(0, 60, 0);
        await(() -> synths() == 0, "the note to end");
        note(0, 60, 32);
        double v = 32 / 127.0;
        awaitLevel(0.1 + 0.1 * v + 0.2 * v, "amp scaled by velocity 32");
        note(0, 60, 0);
        await(() -> synths() == 0, "the note to end");
    }

    @Test
    void aChannelMappingHearsOnlyItsChannelAndOffReleasesWhatItHolds() throws Exception {
        live.eval("const two = midi.notes({channel: 2}).play('probe')", "t");
        note(0, 60, 100); // channel 1: not this mapping's
        note(1, 62, 100); // channel 2
        await(() -> synths() == 1, "one synth, for channel 2");
        Thread.sleep(50);
        assertEquals(1, synths());
        live.eval("two.off()", "t"); // releases the held note
        await(() -> synths() == 0, "the held note released by off()");
        note(1, 64, 100);
        Thread.sleep(100);
        assertEquals(0, synths(), "no mapping, no synth");
        assertEquals("0", live.eval("midi.status().dropped", "t"));
    }

    @Test
    void midiOffRemovesEveryMapping() throws Exception {
        live.eval("midi.notes().play('probe'); midi.notes({channel: 3}).play('probe')", "t");
        note(2, 60, 100);
        await(() -> synths() == 2, "both mappings to play channel 3");
        assertEquals("2", live.eval("midi.off()", "t"));
        await(() -> synths() == 0, "midi.off() to release the held notes");
        note(2, 60, 100);
        Thread.sleep(100);
        assertEquals(0, synths(), "no mapping left");
    }

    @Test
    void anUnknownDefOrControlIsRefusedInOneLine() throws Exception {
        String def = error("midi.notes().play('nope')");
        assertTrue(def.contains("midi.notes().play('nope'): unknown synth 'nope' (defined: probe)"), def);
        String control = error("midi.notes().play('probe', {cutof: 200})");
        assertTrue(control.contains("'probe' has no control 'cutof' (controls: "), control);
        String value = error("midi.notes().play('probe', {amp: 'loud'})");
        assertTrue(value.contains("midi.notes().play('probe')") && value.contains("amp"), value);
        String channel = error("midi.notes({channel: 17}).play('probe')");
        assertTrue(channel.contains("midi.notes: channel is 1..16, got 17"), channel);
        assertTrue(!def.contains("\n") && !control.contains("\n") && !value.contains("\n"), def + control + value);
        note(0, 60, 100);
        Thread.sleep(100);
        assertEquals(0, synths(), "nothing was mapped");
    }

    private String error(String code) {
        try {
            return "no error: " + live.eval(code, "t");
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
