package dev.sonora.server.midi.file;

import java.util.List;

import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;

/**
 * A MIDI file's channel messages laid out on the sample clock: parallel arrays of sample times
 * and packed messages ({@link MidiMessage#pack}, source {@link MidiMessage#SOURCE_PLAYER}), in
 * play order. Deterministic: the same file, rate and start always give the same list, so an
 * offline render can step through it block by block.
 *
 * <p>The arrays are immutable; the cursor ({@link #deliverUntil}) belongs to one thread.
 */
public final class MidiSchedule {
    private final long[] times;
    private final int[] words;
    private final long end;
    private int cursor;

    private MidiSchedule(long[] times, int[] words, long end) {
        this.times = times;
        this.words = words;
        this.end = end;
    }

    /** Each channel message of {@code file} at {@code start + round(seconds * sampleRate)}. */
    public static MidiSchedule of(MidiFile file, int sampleRate, long start) {
        List<SmfEvent> msgs = file.channelMessages();
        long[] t = new long[msgs.size()];
        int[] w = new int[msgs.size()];
        for (int i = 0; i < t.length; i++) {
            SmfEvent e = msgs.get(i);
            t[i] = start + Math.round(e.seconds() * sampleRate);
            w[i] = MidiMessage.pack(e.status(), e.data1(), e.data2(), MidiMessage.SOURCE_PLAYER);
        }
        return new MidiSchedule(t, w, start + Math.round(file.duration() * sampleRate));
    }

    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    /** Event {@code i} into a holder (its time is the sample time). */
    public MidiMessage message(int i, MidiMessage into) {
        return into.unpack(words[i], times[i]);
    }

    /** Sample time at which the file ends. */
    public long endTime() {
        return end;
    }

    /** Events not yet delivered. */
    public int remaining() {
        return times.length - cursor;
    }

    /** Sample time of the next undelivered event, or {@link Long#MAX_VALUE} when all are out. */
    public long nextTime() {
        return cursor < times.length ? times[cursor] : Long.MAX_VALUE;
    }

    /**
     * Hands every undelivered event due before {@code endExclusive} to {@code handler}, in
     * order, through {@code scratch}; returns how many. Allocation-free.
     */
    public int deliverUntil(long endExclusive, MidiMessage scratch, MidiHandler handler) {
        int n = 0;
        while (cursor < times.length && times[cursor] < endExclusive) {
            scratch.unpack(words[cursor], times[cursor]);
            cursor++;
            n++;
            handler.handle(scratch);
        }
        return n;
    }

    /** Back to the first event. */
    public void rewind() {
        cursor = 0;
    }
}
