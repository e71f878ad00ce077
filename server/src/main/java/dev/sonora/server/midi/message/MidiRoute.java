package dev.sonora.server.midi.message;

import dev.sonora.server.midi.rt.CcMapper;

/**
 * Where one input's parsed messages go: every short message to the Lang buffer, control
 * changes also to the audio thread's buffer (for {@link CcMapper}), and note-ons and note-offs
 * also to the note buffer while a direct note mapping wants them ({@link NoteRouting}). A full
 * buffer drops the message and counts it; nothing waits.
 *
 * <p>Called on the input's producer thread only (device callback or player thread).
 */
public final class MidiRoute implements MidiSink {
    private final MidiProducer lang;
    private final MidiProducer rt;
    private final MidiProducer notes;
    private final NoteRouting routing;
    private final int source;
    private long sysexIgnored;

    public MidiRoute(MidiProducer lang, MidiProducer rt, MidiProducer notes, NoteRouting routing, int source) {
        this.lang = lang;
        this.rt = rt;
        this.notes = notes;
        this.routing = routing;
        this.source = source;
    }

    @Override
    public void shortMessage(int status, int data1, int data2, long time) {
        int word = MidiMessage.pack(status, data1, data2, source);
        if (MidiMessage.isControlChange(status)) {
            rt.trySendPacked(word, time);
        } else if (routing.wanted() && isNote(status)) {
            notes.trySendPacked(word, time);
        }
        lang.trySendPacked(word, time);
    }

    private static boolean isNote(int status) {
        int command = MidiMessage.command(status);
        return command == MidiMessage.NOTE_ON || command == MidiMessage.NOTE_OFF;
    }

    @Override
    public void sysex(byte[] bytes, int length, long time) {
        sysexIgnored++; // SysEx does not fit the short-message buffers; counted, not routed
    }

    long sysexIgnored() {
        return sysexIgnored;
    }
}
