package dev.sonora.server.midi.file;

import java.util.ArrayList;
import java.util.List;

import dev.sonora.server.midi.message.MidiMessage;

/**
 * A parsed Standard MIDI File: every event of every track at its absolute time in seconds,
 * in play order. Made by {@link SmfReader}. Immutable; any thread.
 *
 * @param name     the file name, for messages
 * @param format   0, 1 or 2
 * @param tracks   MTrk chunks read
 * @param division ticks per quarter note when positive; SMPTE time when negative, as
 *                 {@code -(framesPerSecond << 8 | ticksPerFrame)} (see {@link #describeDivision})
 * @param events   all events, sorted by time (ties keep track order, then file order)
 * @param duration seconds until the last track ends (its End of Track)
 * @param warnings one line per oddity read past (a skipped non-MIDI chunk, an illegal system
 *                 message in a track, trailing bytes); the file still plays
 */
public record MidiFile(String name, int format, int tracks, int division, List<SmfEvent> events, double duration,
                       List<String> warnings) {

    /** Only the channel messages (what the player sends), in order. */
    public List<SmfEvent> channelMessages() {
        List<SmfEvent> out = new ArrayList<>();
        for (SmfEvent e : events) if (e.isChannelMessage()) out.add(e);
        return out;
    }

    /** Note-ons with velocity above 0, in order. */
    public List<SmfEvent> noteOns() {
        List<SmfEvent> out = new ArrayList<>();
        for (SmfEvent e : events) if (e.isChannelMessage() && MidiMessage.isNoteOn(e.status(), e.data2())) out.add(e);
        return out;
    }

    /** E.g. "96 ticks per quarter note" or "SMPTE 25 fps, 40 ticks per frame". */
    public String describeDivision() {
        if (division > 0) return division + " ticks per quarter note";
        int fps = (-division) >> 8;
        int tpf = (-division) & 0xFF;
        return "SMPTE " + (fps == 29 ? "29.97" : String.valueOf(fps)) + " fps, " + tpf + " ticks per frame";
    }

    /** One line: name, format, tracks, events, duration. */
    public String summary() {
        return String.format("%s: format %d, %d track%s, %s, %d events, %.3f s%s", name, format, tracks,
                tracks == 1 ? "" : "s", describeDivision(), events.size(), duration,
                warnings.isEmpty() ? "" : ", " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"));
    }
}
