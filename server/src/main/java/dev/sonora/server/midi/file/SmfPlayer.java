package dev.sonora.server.midi.file;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiSink;

/**
 * Plays a {@link MidiSchedule} into the same path as a device: each event goes through a
 * {@link MidiSink} (the player's route into the Lang and audio-thread buffers) when the sample
 * clock reaches its time, less an optional lead. Two ways to drive it:
 * <ul>
 * <li>live: {@link #start()} runs a {@code sonora-midi-player} thread paced by the server's
 *     sample clock;</li>
 * <li>offline: the render's controller calls {@link #pumpUntil} before each step, which is
 *     deterministic.</li>
 * </ul>
 * Events carry their due sample time ({@link MidiMessage#time}), so a handler may schedule
 * sample-accurately. Stopping early sends a note-off for every note still held.
 * Use one way only; the producing thread is the player thread or the controller.
 */
public final class SmfPlayer {
    private final String name;
    private final MidiSchedule schedule;
    private final MidiSink out;
    private final LongSupplier sampleClock;
    private final int sampleRate;
    private final long lead;
    private final boolean[] held = new boolean[16 * 128];
    private final MidiMessage scratch = new MidiMessage();
    private final MidiHandler send = this::send;
    private volatile boolean stopping;
    private volatile boolean finished;
    private Thread thread;

    /**
     * @param sampleClock the server's sample time now (e.g. {@code server::sampleTime})
     * @param leadSamples how far ahead of its time each event is sent (0: at its time)
     */
    public SmfPlayer(String name, MidiSchedule schedule, MidiSink out, LongSupplier sampleClock, int sampleRate, long leadSamples) {
        this.name = name;
        this.schedule = schedule;
        this.out = out;
        this.sampleClock = sampleClock;
        this.sampleRate = sampleRate;
        this.lead = Math.max(0, leadSamples);
    }

    public String name() {
        return name;
    }

    public MidiSchedule schedule() {
        return schedule;
    }

    /** Offline: sends every event due before {@code sampleTime} (plus the lead). Controller thread. */
    public int pumpUntil(long sampleTime) {
        int n = schedule.deliverUntil(sampleTime + lead, scratch, send);
        if (schedule.remaining() == 0) finished = true;
        return n;
    }

    /** Live: starts the player thread. */
    public synchronized void start() {
        if (thread != null) return;
        thread = new Thread(this::run, "sonora-midi-player");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY + 2);
        thread.start();
    }

    private void run() {
        final double nanosPerSample = 1e9 / sampleRate;
        while (!stopping && schedule.remaining() > 0) {
            long now = sampleClock.getAsLong();
            long due = schedule.nextTime() - lead;
            if (due <= now) {
                schedule.deliverUntil(now + lead + 1, scratch, send);
                continue;
            }
            // sleep towards the event, at most 2 ms at a time so a stop or a clock jump is seen
            long wait = (long) ((due - now) * nanosPerSample);
            LockSupport.parkNanos(Math.min(wait, 2_000_000L));
        }
        if (stopping) releaseHeldNotes();
        finished = true;
    }

    /** Stops early (live), sending note-offs for held notes. Any thread; returns at once. */
    public void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
        else releaseHeldNotes(); // offline: the caller is the producing thread
    }

    /** True once every event has gone out (or it was stopped). Any thread. */
    public boolean finished() {
        return finished;
    }

    private void send(MidiMessage m) {
        if (m.isNoteOn() || m.isNoteOff()) {
            held[(m.status & 0x0F) << 7 | m.data1] = m.isNoteOn();
        }
        out.shortMessage(m.status, m.data1, m.data2, m.time);
    }

    private void releaseHeldNotes() {
        long now = sampleClock.getAsLong();
        for (int i = 0; i < held.length; i++) {
            if (held[i]) {
                held[i] = false;
                out.shortMessage(MidiMessage.NOTE_OFF | (i >> 7), i & 0x7F, 0, now);
            }
        }
        finished = true;
    }

    /** Waits for the live player to end (tests, tools). */
    public boolean join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null) return finished;
        t.join(millis);
        return !t.isAlive();
    }
}
