package dev.sonora.repl.midi;

import java.util.Locale;

import dev.sonora.repl.lang.Output;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.out.ClockFollower;

/**
 * {@code midi.clock.follow('name')}: Sonora's {@code tempo()} follows the clock arriving on one
 * input. The pulses' arrival instants (stamped on the device thread, so Lang's own delays do not
 * count) feed a {@link ClockFollower}. While the other machine's song runs (after a start or
 * continue) {@link MidiClockPhase} steers the clock's beats onto the song's, bars aligned; while
 * it is stopped, a ticker sets the tempo through the time API's own setter when the measured
 * tempo has moved more than {@link #DEADBAND} bpm from the one set, so jitter does not make a new
 * tempo segment every pulse. Start, stop, continue and the song position are kept for
 * {@code midi.clock.status()}; when the pulses stop arriving it says so in one line.
 *
 * <p>Lang thread only: {@link #handle} is called from the MIDI dispatch, {@link #tick} by a Lang ticker.
 */
final class MidiClockFollow implements MidiHandler {
    /** Tempo changes smaller than this (bpm) are jitter, not news. */
    static final double DEADBAND = 0.05;

    private final TimeBridge time;
    private final Output output;
    private final MidiClockPhase phase;
    private ClockFollower follower; // null: not following
    private String name;
    private int source = -1;
    private double applied = Double.NaN;
    private boolean silenceReported;

    MidiClockFollow(TimeBridge time, Server server, Output output) {
        this.time = time;
        this.output = output;
        this.phase = new MidiClockPhase(time.clock(), server);
    }

    /** The driver's output latency: the song's beat is where the sound leaves the speakers. */
    void outputLatencyFrames(int frames) {
        phase.outputLatencyFrames(frames);
    }

    void follow(String inputName, int inputSource) {
        name = inputName;
        source = inputSource;
        follower = new ClockFollower();
        phase.release();
        applied = Double.NaN;
        silenceReported = false;
    }

    void stop() {
        follower = null;
        source = -1;
        name = null;
    }

    @Override
    public void handle(MidiMessage m) {
        ClockFollower f = follower;
        if (f == null || m.source != source) return;
        switch (m.status) {
            case MidiMessage.CLOCK -> {
                f.pulse(m.time);
                silenceReported = false;
            }
            case MidiMessage.START -> {
                f.start();
                phase.release(); // the song begins again: its bars are aligned afresh
            }
            case MidiMessage.STOP -> f.stop();
            case MidiMessage.CONTINUE -> {
                f.resume();
                phase.release();
            }
            case 0xF2 -> f.songPosition(m.data1 | m.data2 << 7); // song position pointer
            default -> {
            }
        }
    }

    /** Applies the measured tempo, and says once when the pulses stopped. Lang ticker. */
    void tick() {
        ClockFollower f = follower;
        if (f == null) return;
        if (f.silentAt(System.nanoTime())) {
            if (!silenceReported) {
                silenceReported = true;
                output.err(String.format(Locale.ROOT, "midi.clock: the clock from '%s' stopped arriving; the tempo stays at %.2f bpm",
                        name, Double.isNaN(applied) ? time.tempo() : applied)); // not a bend into an aligned bar's tempo
            }
            f.forgetPulses();
            phase.release();
            return;
        }
        double bpm = f.bpm();
        if (phase.run(f)) { // the song runs: the clock follows its beats, tempo and bars
            applied = Math.round(bpm * 100) / 100.0;
            return;
        }
        if (Double.isNaN(bpm) || bpm < 1 || bpm > 1000) return;
        if (!Double.isNaN(applied) && Math.abs(bpm - applied) <= DEADBAND) return;
        applied = Math.round(bpm * 100) / 100.0;
        time.setTempo(applied);
    }

    boolean following() {
        return follower != null;
    }

    String inputName() {
        return name;
    }

    /** The tempo the pulses give now (NaN before enough have come). */
    double measuredBpm() {
        ClockFollower f = follower;
        return f == null ? Double.NaN : f.bpm();
    }

    boolean running() {
        ClockFollower f = follower;
        return f != null && f.running();
    }

    double position() {
        ClockFollower f = follower;
        return f == null ? 0 : f.position();
    }

    long alignments() {
        return phase.alignments();
    }

    long pulses() {
        ClockFollower f = follower;
        return f == null ? 0 : f.pulses();
    }
}
