package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.device.MidiParser;
import dev.sonora.server.midi.file.MidiFile;
import dev.sonora.server.midi.file.MidiFileException;
import dev.sonora.server.midi.file.SmfEvent;
import dev.sonora.server.midi.file.SmfReader;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiSink;

/** The wire parser: running status, real-time interleaving, SysEx, malformed input. */
class MidiParserTest {

    /** Records everything as text lines: "90 3C 64" or "sysex F0 7E .. F7". */
    static final class Log implements MidiSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void shortMessage(int status, int data1, int data2, long time) {
            int n = MidiMessage.dataLength(status);
            lines.add(n == 0 ? hex(status) : n == 1 ? hex(status) + " " + hex(data1) : hex(status) + " " + hex(data1) + " " + hex(data2));
        }

        @Override
        public void sysex(byte[] bytes, int length, long time) {
            StringBuilder s = new StringBuilder("sysex");
            for (int i = 0; i < length; i++) s.append(' ').append(hex(bytes[i] & 0xFF));
            lines.add(s.toString());
        }
    }

    static String hex(int b) {
        return String.format("%02X", b);
    }

    static List<String> parse(MidiParser p, Log log, int... bytes) {
        for (int b : bytes) p.feed(b, 0);
        return log.lines;
    }

    @Test
    void runningStatusReusesTheLastChannelStatus() {
        Log log = new Log();
        MidiParser p = new MidiParser(log);
        parse(p, log, 0x90, 60, 100, 62, 100, 64, 0, 0xC3, 5, 6, 0xB0, 7, 100, 10, 64);
        assertEquals(List.of("90 3C 64", "90 3E 64", "90 40 00", "C3 05", "C3 06", "B0 07 64", "B0 0A 40"), log.lines);
        assertEquals(0, p.malformedBytes());
        assertEquals(7, p.messages());
    }

    @Test
    void realTimeBytesInsideAMessageAreDeliveredAtOnceWithoutBreakingIt() {
        Log log = new Log();
        MidiParser p = new MidiParser(log);
        parse(p, log, 0x90, 0xF8, 60, 0xFA, 100, 0xF8, 62, 0xFE, 101, 0xF0, 1, 0xF8, 2, 0xF7, 0xFC);
        assertEquals(List.of("F8", "FA", "90 3C 64", "F8", "FE", "90 3E 65", "F8", "sysex F0 01 02 F7", "FC"), log.lines);
        assertEquals(0, p.malformedBytes());
    }

    @Test
    void systemCommonMessagesHaveTheirLengthsAndCancelRunningStatus() {
        Log log = new Log();
        MidiParser p = new MidiParser(log);
        parse(p, log, 0x90, 60, 1, 0xF1, 0x23, 0xF2, 0x10, 0x20, 0xF3, 5, 0xF6, 61, 1);
        assertEquals(List.of("90 3C 01", "F1 23", "F2 10 20", "F3 05", "F6"), log.lines);
        assertEquals(2, p.malformedBytes(), "the two data bytes after F6 have no status");
    }

    @Test
    void malformedBytesAreDroppedAndCountedAndSyncIsKept() {
        Log log = new Log();
        MidiParser p = new MidiParser(log);
        parse(p, log,
                0x40, 0x41,             // 2 data bytes with no status
                0x90, 60,               // truncated by the next status: 2 bytes
                0xB0, 1, 2,             // good
                0xF4, 0xF5, 0xF9, 0xFD, // undefined: 4 bytes
                5, 6,                   // F4 cancelled running status: 2 orphans
                0xF7,                   // EOX with no SysEx: 1
                0xE0, 0x00, 0x40);      // good
        assertEquals(List.of("B0 01 02", "E0 00 40"), log.lines);
        assertEquals(2 + 2 + 4 + 2 + 1, p.malformedBytes());
        // an undefined real-time byte inside a message does not disturb it
        parse(p, log, 0x90, 1, 0xFD, 2);
        assertEquals("90 01 02", log.lines.get(2));
    }

    @Test
    void sysExIsBoundedAndAnUnterminatedOneIsDroppedWhenANewStatusArrives() {
        Log log = new Log();
        MidiParser p = new MidiParser(log, 8);
        parse(p, log, 0xF0, 1, 2, 3, 4, 5, 6, 0xF7);         // 8 bytes: fits exactly
        parse(p, log, 0xF0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xF7); // too long: skipped
        parse(p, log, 0xF0, 1, 2, 0x90, 60, 100);             // cut off by a note-on, which survives
        parse(p, log, 0xF0, 9, 0xF0, 8, 0xF7);                // cut off by another SysEx
        assertEquals(List.of("sysex F0 01 02 03 04 05 06 F7", "90 3C 64", "sysex F0 08 F7"), log.lines);
        assertEquals(2, p.sysexMessages());
        assertEquals(1, p.sysexTooLong());
        assertEquals(2, p.sysexCut());
        // running status does not survive a SysEx
        parse(p, log, 61, 1);
        assertEquals(3, log.lines.size());
    }

    @Test
    void parsingAllocatesNothingPerByte() {
        MidiSink quiet = new MidiSink() {
            long sum;

            @Override
            public void shortMessage(int status, int data1, int data2, long time) {
                sum += status + data1 + data2;
            }
        };
        MidiParser p = new MidiParser(quiet);
        byte[] stream = {(byte) 0x90, 60, 100, 61, 0, (byte) 0xF8, (byte) 0xF0, 1, 2, (byte) 0xF7, (byte) 0xB0, 7, 9, 0x40,
            (byte) 0xF4, (byte) 0xE0, 0, 64};
        for (int i = 0; i < 50_000; i++) p.feed(stream, 0, stream.length, i);
        // several windows: a one-off JIT event may allocate once; a per-byte allocation shows in every window
        long least = Long.MAX_VALUE;
        Alloc.current();
        for (int window = 0; window < 5 && least != 0; window++) {
            long before = Alloc.current();
            for (int i = 0; i < 50_000; i++) p.feed(stream, 0, stream.length, i);
            least = Math.min(least, Alloc.current() - before);
        }
        assertEquals(0, least, "bytes allocated while parsing 900,000 bytes");
    }

    /**
     * Byte streams from the test files: every channel message and SysEx of each readable file
     * goes on the wire with running status, a timing clock after every third byte and a
     * stray data byte between SysEx events; the parser must give back exactly the file's
     * messages, with only the stray bytes counted as malformed.
     */
    @Test
    void streamsMadeFromTheTestFilesParseBackToTheirMessages() throws Exception {
        int files = 0;
        long total = 0;
        for (Path path : MidiTestData.all()) {
            MidiFile f;
            try {
                f = SmfReader.read(path);
            } catch (MidiFileException refused) {
                continue;
            }
            files++;
            List<String> expected = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int running = 0;
            int strays = 0;
            int sinceClock = 0;
            Log clocks = new Log();
            for (SmfEvent e : f.events()) {
                List<Integer> bytes = new ArrayList<>();
                if (e.isChannelMessage()) {
                    if (e.status() != running) bytes.add(e.status());
                    running = e.status();
                    bytes.add(e.data1());
                    if (MidiMessage.dataLength(e.status()) == 2) bytes.add(e.data2());
                    clocks.shortMessage(e.status(), e.data1(), e.data2(), 0);
                    expected.add(clocks.lines.remove(0));
                } else if (e.status() == 0xF0 && e.data().length > 1 && (e.data()[e.data().length - 1] & 0xFF) == 0xF7) {
                    for (byte x : e.data()) bytes.add(x & 0xFF);
                    StringBuilder s = new StringBuilder("sysex");
                    for (byte x : e.data()) s.append(' ').append(hex(x & 0xFF));
                    expected.add(s.toString());
                    running = 0;
                    bytes.add(0x33); // a stray data byte: no running status after a SysEx
                    strays++;
                } else {
                    continue;
                }
                for (int x : bytes) {
                    wire.write(x);
                    if (++sinceClock % 3 == 0) wire.write(0xF8);
                }
            }
            Log log = new Log();
            MidiParser p = new MidiParser(log, 4096);
            byte[] stream = wire.toByteArray();
            p.feed(stream, 0, stream.length, 0);
            List<String> got = new ArrayList<>(log.lines);
            long clockCount = got.stream().filter("F8"::equals).count();
            got.removeIf("F8"::equals);
            assertEquals(expected, got, path.getFileName().toString());
            assertEquals(sinceClock / 3, clockCount, path.getFileName() + ": every clock byte delivered");
            assertEquals(strays, p.malformedBytes(), path.getFileName().toString());
            total += stream.length;
        }
        assertTrue(files >= 60, "readable test files: " + files);
        assertTrue(total > 50_000, "bytes parsed: " + total);
    }

    @Test
    void aSysExSplitAcrossFeedsIsReassembled() {
        Log log = new Log();
        MidiParser p = new MidiParser(log);
        byte[] a = {(byte) 0xF0, 0x7E, 0x7F};
        byte[] b = {0x09, 0x01, (byte) 0xF7};
        p.feed(a, 0, a.length, 0);
        p.feed(b, 0, b.length, 0);
        assertEquals(List.of("sysex F0 7E 7F 09 01 F7"), log.lines);
        assertArrayEquals(new byte[0], new byte[0]);
    }
}
