package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.file.MidiFile;
import dev.sonora.server.midi.file.MidiFileException;
import dev.sonora.server.midi.file.SmfEvent;
import dev.sonora.server.midi.file.SmfReader;

/** The Standard MIDI File reader over the 72 shared test files and handmade ones. */
class SmfReaderTest {

    @Test
    void theCMajorScaleIsEightNotesHalfASecondApart() throws Exception {
        MidiFile f = SmfReader.read(MidiTestData.file("test-c-major-scale.mid"));
        List<SmfEvent> on = f.noteOns();
        int[] pitches = {60, 62, 64, 65, 67, 69, 71, 72};
        assertEquals(8, on.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(pitches[i], on.get(i).data1());
            assertEquals(0.5 * i, on.get(i).seconds(), 1e-9);
        }
        assertEquals(4.0, f.duration(), 1e-9);
        assertEquals(List.of(), f.warnings());
    }

    /** Every file plays or is refused with one line naming it; nothing else escapes, nothing hangs. */
    @Test
    void everyTestFileParsesOrIsRefusedWithOneClearLine() throws Exception {
        List<Path> files = MidiTestData.all();
        assertEquals(72, files.size(), "the shared set holds 72 files");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> refused = new ArrayList<>();
        try {
            for (Path p : files) {
                String name = p.getFileName().toString();
                Future<String> r = pool.submit(() -> {
                    try {
                        MidiFile f = SmfReader.read(p);
                        for (SmfEvent e : f.events()) {
                            if (!(e.seconds() >= 0) || e.seconds() > f.duration() + 1e-9) return "bad time " + e;
                        }
                        return null;
                    } catch (MidiFileException e) {
                        return "refused " + e.getMessage();
                    }
                });
                String outcome = r.get(10, TimeUnit.SECONDS);
                if (outcome == null) continue;
                assertTrue(outcome.startsWith("refused " + name + ": "), outcome);
                assertFalse(outcome.contains("\n"), "one line: " + outcome);
                refused.add(outcome.substring(8));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(
                "test-corrupt-file-missing-byte.mid: truncated track 1 at byte 267 (the track header promises 246 bytes, the file holds 245)",
                "test-empty-file.mid: empty file (0 bytes)",
                "test-not-a-midi-file.mid: not a Standard MIDI File (it does not start with MThd)"), refused);
    }

    /** Where javax.sound.midi reads a file too, both see the same channel messages at the same ticks. */
    @Test
    void agreesWithJavaSoundWhereJavaSoundReadsTheFile() throws Exception {
        int compared = 0;
        for (Path p : MidiTestData.all()) {
            Sequence seq;
            try {
                seq = MidiSystem.getSequence(p.toFile());
            } catch (Exception refusedByJavaSound) {
                continue;
            }
            MidiFile f;
            try {
                f = SmfReader.read(p);
            } catch (MidiFileException e) {
                // javax.sound.midi plays a track cut one byte short; we refuse it (the API: corrupt files throw)
                assertTrue(e.getMessage().startsWith("test-corrupt-file-missing-byte.mid: truncated track"), e.getMessage());
                continue;
            }
            List<String> theirs = new ArrayList<>();
            for (Track t : seq.getTracks()) {
                for (int i = 0; i < t.size(); i++) {
                    MidiEvent e = t.get(i);
                    if (e.getMessage() instanceof ShortMessage s && s.getStatus() < 0xF0) {
                        theirs.add(e.getTick() + " " + s.getStatus() + " " + s.getData1() + " " + s.getData2());
                    }
                }
            }
            List<String> ours = new ArrayList<>();
            for (SmfEvent e : f.channelMessages()) ours.add(e.tick() + " " + e.status() + " " + e.data1() + " " + e.data2());
            theirs.sort(null);
            ours.sort(null);
            assertEquals(theirs, ours, p.getFileName().toString());
            if (f.format() != 2 && seq.getDivisionType() == Sequence.PPQ) {
                assertEquals(seq.getMicrosecondLength() / 1e6, f.duration(), 0.002, p.getFileName() + " duration");
            }
            compared++;
        }
        assertTrue(compared >= 50, "files compared: " + compared);
    }

    @Test
    void format2TracksPlayOneAfterAnother() throws Exception {
        MidiFile f = SmfReader.read(MidiTestData.file("test-2-tracks-type-2.mid"));
        List<SmfEvent> on = f.noteOns();
        assertEquals(16, on.size());
        assertEquals(1, on.get(7).track());
        assertEquals(2, on.get(8).track());
        assertTrue(on.get(8).seconds() >= on.get(7).seconds() + 0.5);
        assertEquals(9.0, f.duration(), 1e-9);
    }

    @Test
    void tempoChangesGiveAbsoluteSeconds() throws Exception {
        // 96 ticks/quarter; note at 0, tempo -> 1 s/quarter at tick 96, note at 192, note at 288
        byte[] track = bytes(
                0x00, 0x90, 60, 100,
                0x60, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40,
                0x60, 0x90, 62, 100,
                0x60, 64, 100,              // running status
                0x00, 0xFF, 0x2F, 0x00);
        MidiFile f = SmfReader.parse("tempo.mid", file(0, 96, track));
        List<SmfEvent> on = f.noteOns();
        assertEquals(0.0, on.get(0).seconds(), 1e-12);
        assertEquals(0.5 + 1.0, on.get(1).seconds(), 1e-12);
        assertEquals(2.5, on.get(2).seconds(), 1e-12);
        assertEquals(64, on.get(2).data1());
    }

    @Test
    void smpteDivisionIgnoresTempo() throws Exception {
        // 25 fps, 40 ticks per frame = 1000 ticks a second
        byte[] track = bytes(0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x87, 0x68, 0x90, 60, 1, 0x00, 0xFF, 0x2F, 0x00);
        MidiFile f = SmfReader.parse("smpte.mid", file(0, 0xE728, track));
        assertEquals(1.0, f.noteOns().get(0).seconds(), 1e-12);
        assertEquals("SMPTE 25 fps, 40 ticks per frame", f.describeDivision());
    }

    @Test
    void handmadeBrokenFilesAreRefusedWithTheirReason() {
        assertRefused("vlq.mid: variable-length quantity longer than 4 bytes in track 1 at byte 26",
                file(0, 96, bytes(0x81, 0x80, 0x80, 0x80, 0x00, 0x90, 60, 1)));
        assertRefused("orphan.mid: data byte 0x3C with no status in track 1 at byte 23",
                file(0, 96, bytes(0x00, 60, 1)));
        assertRefused("cut.mid: truncated track 1 at byte 25 (an event runs past the end of its track)",
                file(0, 96, bytes(0x00, 0x90, 60)));
        assertRefused("status.mid: status byte 0x90 where a data byte belongs in track 1 at byte 24",
                file(0, 96, bytes(0x00, 0x90, 0x90, 1)));
        assertRefused("format.mid: unknown format 3 (0, 1 or 2 expected)", file(3, 96, bytes(0x00, 0xFF, 0x2F, 0)));
        assertRefused("notracks.mid: no track (MTrk chunk) in the file", java.util.Arrays.copyOf(file(0, 96, bytes()), 14));
        assertRefused("meta.mid: truncated track 1 at byte 28 (an event runs past the end of its track)",
                file(0, 96, bytes(0x00, 0xFF, 0x01, 0x10, 65, 66)));
    }

    private static void assertRefused(String message, byte[] bytes) {
        String name = message.substring(0, message.indexOf(':'));
        MidiFileException e = assertThrows(MidiFileException.class, () -> SmfReader.parse(name, bytes));
        assertEquals(message, e.getMessage());
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    /** A file with one track. */
    static byte[] file(int format, int division, byte[] track) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes("MThd".getBytes());
        o.writeBytes(bytes(0, 0, 0, 6, 0, format, 0, 1, division >> 8, division & 0xFF));
        o.writeBytes("MTrk".getBytes());
        o.writeBytes(bytes(0, 0, track.length >> 8, track.length & 0xFF));
        o.writeBytes(track);
        return o.toByteArray();
    }
}
