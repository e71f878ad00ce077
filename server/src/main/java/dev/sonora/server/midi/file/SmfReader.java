package dev.sonora.server.midi.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.sonora.server.midi.message.MidiMessage;

/**
 * Reads Standard MIDI Files (formats 0, 1 and 2) into a {@link MidiFile} with every event at
 * its absolute time in seconds. Any thread (not the audio thread: it allocates).
 *
 * <p>What it accepts, and what it refuses with one {@link MidiFileException} line:
 * <ul>
 * <li>formats 0 and 1: tempo changes from any track apply to all; format 2: tracks play one
 *     after another, each with its own tempo; a format 0 file with several tracks is read
 *     as format 1 (warning);</li>
 * <li>ticks per quarter note or SMPTE division (tempo then has no effect);</li>
 * <li>running status in tracks, kept across meta and SysEx events (strictly they cancel it,
 *     but no valid file depends on that, and real files do rely on it surviving);</li>
 * <li>meta events, SysEx ({@code F0}) and escape ({@code F7}) events; variable-length
 *     quantities of up to 4 bytes (a longer one is refused);</li>
 * <li>non-MIDI chunks are skipped, trailing bytes after the last chunk ignored, system
 *     messages that have no place in a file (F1..F6, F8..FE) skipped (all with a warning);</li>
 * <li>refused: an empty or non-MIDI file, an unknown format, a chunk or event cut short by
 *     the end of its chunk or of the file, a data byte with no status, a status byte where a
 *     data byte belongs, a file with no track.</li>
 * </ul>
 */
public final class SmfReader {
    /** Files are read whole; anything this big is not a MIDI file anyone plays live. */
    public static final int MAX_FILE_BYTES = 32 << 20;
    private static final int DEFAULT_TEMPO = 500_000; // microseconds per quarter: 120 bpm

    private final String name;
    private final byte[] b;
    private final List<String> warnings = new ArrayList<>();

    private SmfReader(String name, byte[] bytes) {
        this.name = name;
        this.b = bytes;
    }

    /** Reads and parses a file. Every failure is one line naming the file. */
    public static MidiFile read(Path path) throws MidiFileException {
        String name = String.valueOf(path.getFileName());
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) throw new MidiFileException(name, "too large for a MIDI file (" + size + " bytes)");
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new MidiFileException(path.toString(), "no such file");
        } catch (MidiFileException e) {
            throw e;
        } catch (IOException e) {
            throw new MidiFileException(path.toString(), "cannot read it (" + e.getMessage() + ")");
        }
        return parse(name, bytes);
    }

    /** Parses the bytes of a file; {@code name} is used in messages. */
    public static MidiFile parse(String name, byte[] bytes) throws MidiFileException {
        return new SmfReader(name, bytes).parse();
    }

    /** One track's events before timing: tick, status, data, in file order. */
    private record Raw(long tick, int track, int status, int data1, int data2, byte[] data) { }

    private record Track(List<Raw> events, long endTick) { }

    private MidiFile parse() throws MidiFileException {
        if (b.length == 0) throw fail("empty file (0 bytes)");
        if (b.length < 8 || !chunkId(0).equals("MThd")) throw fail("not a Standard MIDI File (it does not start with MThd)");
        long headerLength = u32(4);
        if (headerLength < 6) throw fail("header chunk is " + headerLength + " bytes long, 6 needed");
        if (8 + headerLength > b.length) throw fail("truncated header: the file ends at byte " + b.length);
        int format = u16(8);
        int declaredTracks = u16(10);
        int division = u16(12);
        if (format > 2) throw fail("unknown format " + format + " (0, 1 or 2 expected)");
        if (division == 0) throw fail("division is 0 ticks per quarter note");
        if ((division & 0x8000) != 0) {
            int fps = -(byte) (division >> 8);
            int tpf = division & 0xFF;
            if ((fps != 24 && fps != 25 && fps != 29 && fps != 30) || tpf == 0) {
                throw fail("unsupported SMPTE division (" + fps + " fps, " + tpf + " ticks per frame)");
            }
            division = -(fps << 8 | tpf);
        }
        if (headerLength > 6) warn("header chunk has " + (headerLength - 6) + " extra bytes (ignored)");

        List<Track> tracks = new ArrayList<>();
        long pos = 8 + headerLength;
        while (pos + 8 <= b.length) {
            int at = (int) pos;
            String id = chunkId(at);
            long length = u32(at + 4);
            long start = at + 8;
            boolean midi = id.equals("MTrk");
            if (!midi && !printable(at)) {
                throw fail("corrupt chunk header at byte " + at + " (not a chunk name: " + hex(at, 4) + ")");
            }
            if (start + length > b.length) {
                if (midi) {
                    throw fail("truncated track " + (tracks.size() + 1) + " at byte " + b.length + " (the track header promises "
                            + length + " bytes, the file holds " + (b.length - start) + ")");
                }
                throw fail("truncated chunk '" + id + "' at byte " + b.length);
            }
            if (midi) {
                tracks.add(readTrack(tracks.size() + 1, (int) start, (int) (start + length)));
            } else {
                warn("skipped a non-MIDI chunk '" + id + "' of " + length + " bytes at byte " + at);
            }
            pos = start + length;
        }
        if (pos < b.length) warn("ignored " + (b.length - pos) + " trailing byte(s) after the last chunk");
        if (tracks.isEmpty()) throw fail("no track (MTrk chunk) in the file");
        if (tracks.size() != declaredTracks) warn("header says " + declaredTracks + " track(s), the file holds " + tracks.size());
        if (format == 0 && tracks.size() > 1) warn("format 0 with " + tracks.size() + " tracks: read as format 1");

        List<SmfEvent> events = new ArrayList<>();
        double duration;
        if (format == 2) {
            duration = 0;
            for (Track t : tracks) {
                duration = time(t.events(), t.endTick(), division, duration, events);
            }
        } else {
            List<Raw> all = new ArrayList<>();
            long end = 0;
            for (Track t : tracks) {
                all.addAll(t.events());
                end = Math.max(end, t.endTick());
            }
            // stable: equal ticks keep track order, then file order
            all.sort(Comparator.comparingLong(Raw::tick));
            duration = time(all, end, division, 0, events);
        }
        return new MidiFile(name, format, tracks.size(), division, List.copyOf(events), duration, List.copyOf(warnings));
    }

    /**
     * Gives each event (sorted by tick) its time in seconds from {@code offset}, applying
     * tempo meta events as they come; returns the time of {@code endTick}.
     */
    private static double time(List<Raw> raws, long endTick, int division, double offset, List<SmfEvent> out) {
        long segTick = 0;
        double segSeconds = offset;
        double secondsPerTick = division > 0 ? DEFAULT_TEMPO / 1e6 / division : smpteSecondsPerTick(division);
        for (Raw r : raws) {
            double t = segSeconds + (r.tick() - segTick) * secondsPerTick;
            out.add(new SmfEvent(r.tick(), t, r.track(), r.status(), r.data1(), r.data2(), r.data()));
            if (division > 0 && r.status() == SmfEvent.META && r.data1() == SmfEvent.META_TEMPO && r.data().length == 3) {
                int us = (r.data()[0] & 0xFF) << 16 | (r.data()[1] & 0xFF) << 8 | (r.data()[2] & 0xFF);
                if (us > 0) {
                    segTick = r.tick();
                    segSeconds = t;
                    secondsPerTick = us / 1e6 / division;
                }
            }
        }
        return segSeconds + (Math.max(endTick, segTick) - segTick) * secondsPerTick;
    }

    private static double smpteSecondsPerTick(int division) {
        int fps = (-division) >> 8;
        int tpf = (-division) & 0xFF;
        double rate = fps == 29 ? 30000.0 / 1001.0 : fps;
        return 1.0 / (rate * tpf);
    }

    private Track readTrack(int track, int start, int end) throws MidiFileException {
        List<Raw> events = new ArrayList<>();
        int pos = start;
        long tick = 0;
        int running = 0;
        boolean ended = false;
        while (pos < end) {
            if (ended) {
                warn("ignored " + (end - pos) + " byte(s) after End of Track in track " + track);
                break;
            }
            // delta time
            int delta = 0;
            int count = 0;
            int v;
            do {
                if (pos >= end) throw truncated(track, pos);
                v = b[pos++] & 0xFF;
                if (++count > 4) throw fail("variable-length quantity longer than 4 bytes in track " + track + " at byte " + (pos - 1));
                delta = delta << 7 | (v & 0x7F);
            } while ((v & 0x80) != 0);
            tick += delta;
            if (pos >= end) throw truncated(track, pos);
            int at = pos;
            int status = b[pos] & 0xFF;
            if (status < 0x80) {
                if (running == 0) {
                    throw fail(String.format("data byte 0x%02X with no status in track %d at byte %d", status, track, pos));
                }
                status = running; // running status: this byte is the first data byte
            } else {
                pos++;
            }
            if (status < 0xF0) {
                int n = MidiMessage.dataLength(status);
                if (pos + n > end) throw truncated(track, end);
                int d1 = data(track, pos++);
                int d2 = n == 2 ? data(track, pos++) : 0;
                running = status;
                events.add(new Raw(tick, track, status, d1, d2, SmfEvent.NO_DATA));
            } else if (status == SmfEvent.META) {
                if (pos >= end) throw truncated(track, pos);
                int type = b[pos++] & 0xFF;
                long[] lenAt = vlq(track, pos, end);
                int len = (int) lenAt[0];
                pos = (int) lenAt[1];
                if ((long) pos + len > end) throw truncated(track, end);
                byte[] data = java.util.Arrays.copyOfRange(b, pos, pos + len);
                pos += len;
                events.add(new Raw(tick, track, SmfEvent.META, type, 0, data));
                if (type == SmfEvent.META_END_OF_TRACK) ended = true;
                if (type == SmfEvent.META_TEMPO && len != 3) warn("tempo event of " + len + " bytes in track " + track + " at byte " + at + " ignored");
            } else if (status == 0xF0 || status == 0xF7) {
                long[] lenAt = vlq(track, pos, end);
                int len = (int) lenAt[0];
                pos = (int) lenAt[1];
                if ((long) pos + len > end) throw truncated(track, end);
                byte[] data;
                if (status == 0xF0) {
                    data = new byte[len + 1];
                    data[0] = (byte) 0xF0;
                    System.arraycopy(b, pos, data, 1, len);
                } else {
                    data = java.util.Arrays.copyOfRange(b, pos, pos + len);
                }
                pos += len;
                events.add(new Raw(tick, track, status, 0, 0, data));
            } else {
                // a system common / real-time message has no place in a file: skip it and its data
                int n = Math.max(0, MidiMessage.dataLength(status));
                for (int i = 0; i < n && pos < end && (b[pos] & 0xFF) < 0x80; i++) pos++;
                running = 0;
                warn(String.format("illegal MIDI message %02X in track %d at byte %d skipped", status, track, at));
            }
        }
        if (!ended) warn("track " + track + " has no End of Track event");
        return new Track(events, tick);
    }

    private int data(int track, int pos) throws MidiFileException {
        int v = b[pos] & 0xFF;
        if (v >= 0x80) throw fail(String.format("status byte 0x%02X where a data byte belongs in track %d at byte %d", v, track, pos));
        return v;
    }

    /** Reads a variable-length quantity at pos: {value, position after it}. */
    private long[] vlq(int track, int pos, int end) throws MidiFileException {
        long value = 0;
        for (int count = 1; ; count++) {
            if (pos >= end) throw truncated(track, pos);
            if (count > 4) throw fail("variable-length quantity longer than 4 bytes in track " + track + " at byte " + pos);
            int v = b[pos++] & 0xFF;
            value = value << 7 | (v & 0x7F);
            if ((v & 0x80) == 0) return new long[] {value, pos};
        }
    }

    private MidiFileException truncated(int track, int pos) {
        return fail("truncated track " + track + " at byte " + pos + " (an event runs past the end of its track)");
    }

    private MidiFileException fail(String reason) {
        return new MidiFileException(name, reason);
    }

    private void warn(String what) {
        if (warnings.size() < 50) warnings.add(name + ": " + what);
    }

    private String chunkId(int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private boolean printable(int at) {
        for (int i = at; i < at + 4; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) return false;
        }
        return true;
    }

    private String hex(int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = at; i < at + n; i++) s.append(String.format("%02X", b[i] & 0xFF));
        return s.toString();
    }

    private long u32(int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    private int u16(int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
