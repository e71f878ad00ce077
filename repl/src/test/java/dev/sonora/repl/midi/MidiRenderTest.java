package dev.sonora.repl.midi;

import static dev.sonora.repl.midi.MidiRun.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.midi.RenderedNotes;

/**
 * {@code --render} of scripts that play MIDI files into their handlers and mappings: virtual
 * time, deterministic, so onsets, pitches and bus values are checked to the block.
 */
class MidiRenderTest {
    static final int SR = 48000;
    static final String TONE = "def('tone', ({freq = 440}) => sine(freq).mul(perc(0.002, 0.3)).mul(0.3))\n";

    static MidiRun render(Path dir, String script, double seconds) throws Exception {
        Path js = Files.writeString(dir.resolve("set.js"), script);
        return MidiRun.of("--render", dir.resolve("out.wav").toString(), "--duration", Double.toString(seconds), js.toString());
    }

    static long rtAlloc(MidiRun r) {
        Matcher m = Pattern.compile("rt alloc (\\d+) B").matcher(r.out());
        assertTrue(m.find(), r.all());
        return Long.parseLong(m.group(1));
    }

    @Test
    void theCMajorScalePlaysThroughANoteOnHandlerWithTheFilesOnsetsAndPitches(@TempDir Path dir) throws Exception {
        Path file = MidiRun.testFile("test-c-major-scale.mid");
        MidiRun r = render(dir, TONE + "midi.on('noteon', (n, v, ch) => synth('tone', {freq: midicps(n)}))\n"
                + "console.log(String(midi.play(" + js(file) + ")))\n", 4.5);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("MidiFile('test-c-major-scale.mid', "), r.out());
        assertTrue(rtAlloc(r) < 4096, "only the JVM's documented one-off at most: " + r.out());
        float[] x = MidiRun.left(dir.resolve("out.wav"));
        List<Integer> on = RenderedNotes.onsets(x, 2000);
        assertEquals(8, on.size(), "onsets " + on);
        int[] notes = {60, 62, 64, 65, 67, 69, 71, 72};
        assertTrue(on.get(0) < 4, "the first note starts the render: " + on.get(0));
        for (int i = 0; i < 8; i++) {
            assertEquals(on.get(0) + 24_000 * i, (int) on.get(i), "note " + i + " onset (0.5 s = 24000 samples apart)");
            double f = RenderedNotes.pitch(x, on.get(i) + 480, on.get(i) + 480 + 9600, SR);
            assertEquals(RenderedNotes.midicps(notes[i]), f, RenderedNotes.midicps(notes[i]) * 0.001, "note " + i + " pitch");
        }
        // deterministic: the same render again gives the same samples
        MidiRun again = render(dir, Files.readString(dir.resolve("set.js")), 4.5);
        assertEquals(0, again.code(), again.all());
        assertTrue(java.util.Arrays.equals(x, MidiRun.left(dir.resolve("out.wav"))), "a render is repeatable");
    }

    @Test
    void withMidiLatencyEachFileNoteSoundsItsLatencyAfterItsDueSample(@TempDir Path dir) throws Exception {
        Path file = MidiRun.testFile("test-c-major-scale.mid");
        String set = TONE + "midi.on('noteon', (n, v, ch) => synth('tone', {freq: midicps(n)}))\n"
                + "midi.play(" + js(file) + ")\n";
        MidiRun asap = render(dir, set, 4.5);
        assertEquals(0, asap.code(), asap.all());
        List<Integer> at = RenderedNotes.onsets(MidiRun.left(dir.resolve("out.wav")), 2000);
        MidiRun later = render(dir, "midi.latency(10.01)\n" + set, 4.5); // 480.48 samples: rounds to 480
        assertEquals(0, later.code(), later.all());
        List<Integer> delayed = RenderedNotes.onsets(MidiRun.left(dir.resolve("out.wav")), 2000);
        assertEquals(8, delayed.size(), "onsets " + delayed);
        for (int i = 0; i < 8; i++) assertEquals(at.get(i) + 480, (int) delayed.get(i), "note " + i + ": 10 ms = 480 samples later");
    }

    @Test
    void aDirectNoteMappingPlaysTheFileLikeAHandlerAndAGatedDefIsReleasedAtEachNoteOff(@TempDir Path dir) throws Exception {
        Path file = MidiRun.testFile("test-c-major-scale.mid");
        MidiRun handler = render(dir, TONE + "midi.on('noteon', (n, v, ch) => synth('tone', {freq: midicps(n)}))\n"
                + "midi.latency(10)\nmidi.play(" + js(file) + ")\n", 4.5);
        assertEquals(0, handler.code(), handler.all());
        float[] byHandler = MidiRun.left(dir.resolve("out.wav"));
        // the tone has no amp control, so the velocity leaves it as the handler plays it
        MidiRun mapped = render(dir, TONE + "midi.notes().play('tone')\nmidi.latency(10)\nmidi.play(" + js(file) + ")\n", 4.5);
        assertEquals(0, mapped.code(), mapped.all());
        assertTrue(java.util.Arrays.equals(byHandler, MidiRun.left(dir.resolve("out.wav"))),
                "the same samples as the handler's render");
        // a gated def: each note sounds until its note-off, then ends (no synth left when the file ends)
        MidiRun gated = render(dir, "def('held', ({freq = 440, amp = 0.3, gate = 1}) => sine(freq).mul(adsr(0.001, 0, 1, 0.01, gate)).mul(amp))\n"
                + "midi.notes().play('held')\nmidi.play(" + js(file) + ")\n"
                + "at(4.4 * 2, () => console.log('synths at the end: ' + status().synths))\n", 4.5);
        assertEquals(0, gated.code(), gated.all());
        assertTrue(gated.out().contains("synths at the end: 0"), gated.all());
        float peak = 0;
        for (float v : MidiRun.left(dir.resolve("out.wav"))) peak = Math.max(peak, Math.abs(v));
        assertTrue(peak > 0.1, "the held notes sounded: peak " + peak);
    }

    @Test
    void aThrowingHandlerIsReportedWithFileAndLineOnceASecondAndTheMusicGoesOn(@TempDir Path dir) throws Exception {
        Path file = MidiRun.testFile("test-c-major-scale.mid");
        MidiRun r = render(dir, TONE + "midi.on('noteon', (n) => synth('tone', {freq: midicps(n)}))\n"
                + "midi.on('any', (m) => {\n"
                + "  if (m.type === 'noteon') throw new Error('boom on ' + m.note)\n"
                + "})\n"
                + "let offs = 0\n"
                + "midi.on('noteoff', () => { offs++ })\n"
                + "midi.play(" + js(file) + ")\n", 4.5);
        assertEquals(1, r.code(), "a handler error counts as a script error in a render: " + r.all());
        List<String> errs = r.err().strip().lines().toList();
        // notes every 0.5 s, one report a second at most: notes 0, 2, 4, 6 (the others counted)
        assertEquals(4, errs.size(), r.err());
        assertEquals("set.js:4: boom on 60 (in a midi.on('any') handler, which stays on)", errs.get(0).replaceFirst("^.*/", ""));
        assertTrue(errs.get(1).endsWith("set.js:4: boom on 64 (in a midi.on('any') handler, which stays on, 1 more since the last report)"),
                errs.get(1));
        assertEquals(8, RenderedNotes.onsets(MidiRun.left(dir.resolve("out.wav")), 2000).size(), "every note still sounded");
    }

    @Test
    void aCorruptFileThrowsAtOnceNamingItAndTheScriptCanCarryOn(@TempDir Path dir) throws Exception {
        Path bad = MidiRun.testFile("test-corrupt-file-missing-byte.mid");
        MidiRun r = render(dir, TONE + "try { midi.play(" + js(bad) + ") } catch (e) { console.log('caught: ' + e.message) }\n"
                + "play(() => sine(440).mul(0.1))\n"
                + "midi.play(" + js(bad) + ")\n", 0.5);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("caught: midi.play: test-corrupt-file-missing-byte.mid: "), r.out());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.matches(".*set\\.js:4: midi\\.play: test-corrupt-file-missing-byte\\.mid: .+"), err);

        r = render(dir, "midi.play('nothing-here.mid')\n", 0.5);
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().matches(".*set\\.js:1: midi\\.play: no file 'nothing-here\\.mid' \\(looked for .*\\)"), r.err());
    }

    /** A format 0 file, 480 ticks a beat at 120 bpm: cc 1 = 0 at 0 s, 127 at 0.5 s, 64 at 1 s (channel 1), 127 at 1.25 s on channel 2. */
    static byte[] ccFile() {
        ByteArrayOutputStream track = new ByteArrayOutputStream();
        int[] events = {
            0x00, 0xB0, 1, 0,
            0x83, 0x60, 0xB0, 1, 127,
            0x83, 0x60, 0xB0, 1, 64,
            0x81, 0x70, 0xB1, 1, 127,
            0x81, 0x70, 0xFF, 0x2F, 0x00,
        };
        for (int b : events) track.write(b);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0x01, (byte) 0xE0, 'M', 'T', 'r', 'k'});
        int n = track.size();
        f.writeBytes(new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n});
        f.writeBytes(track.toByteArray());
        return f.toByteArray();
    }

    @Test
    void aDirectCcMappingSetsAControlBusFromTheFileOnTheAudioThread(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("cc.mid"), ccFile());
        MidiRun r = render(dir, "const c = bus.control()\n"
                + "const m = midi.cc(1, {channel: 1}).to(c, 0, 0.5)\n"
                + "console.log(String(m))\n"
                + "play(() => In(c))\n"
                + "midi.play('cc.mid')\n", 2);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("MidiHandler(cc 1 -> Bus(control 0), channel 1)"), r.out());
        float[] x = MidiRun.left(dir.resolve("out.wav"));
        // the mapping applies at the top of the block the event falls in; a block is 64 samples
        assertEquals(0f, x[12_000], 1e-6f);
        assertEquals(0.5f, x[24_000 + 64], 1e-6f, "127 -> hi from 0.5 s");
        assertEquals(0f, x[24_000 - 64], 1e-6f, "not before");
        assertEquals(64 / 127f * 0.5f, x[48_000 + 64], 1e-6f, "64 -> 0.252 from 1 s");
        assertEquals(64 / 127f * 0.5f, x[90_000], 1e-6f, "the channel 2 message at 1.25 s is not for this mapping");
        assertFalse(r.err().contains("midi"), r.err());
    }
}
