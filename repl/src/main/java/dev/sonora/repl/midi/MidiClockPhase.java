package dev.sonora.repl.midi;

import dev.sonora.repl.time.Clock;
import dev.sonora.repl.time.ClockTick;
import dev.sonora.server.Server;
import dev.sonora.server.midi.out.ClockFollower;

/**
 * Keeps the tempo clock on an incoming MIDI clock's beats while it runs: Sonora's beat minus
 * {@code shift} (fixed at alignment, so Sonora's cycle boundaries fall on the song's bars) is the
 * song position, at the moment the sample leaves the speakers. The song's beats are read off the
 * pulses' arrival instants ({@link ClockFollower#fittedNewestArrival}), where a drum machine on
 * the other end of the cable plays them.
 *
 * <p>After a start or continue the first bar line not yet sent is bent onto the song's nearest
 * bar line: the beats from the horizon to that bar are stretched or squeezed evenly (the bar after
 * it if the next is too close to move smoothly), so nothing already sent is played again and the
 * beat position never jumps. From then on, as {@code LinkFollower} does for a Link session, the
 * clock's segment is re-aimed every tick so that one beat after the horizon it is where the song
 * is: a tempo change bends over one beat; an error past {@link #REALIGN_MS} aligns afresh.
 * Lang thread (the MIDI out bridge's ticker).
 */
final class MidiClockPhase {
    static final double REALIGN_MS = 30;
    /** Smaller errors are left alone: far below a pulse's jitter. */
    private static final double TOLERANCE_MS = 0.1;
    /** A bend may make the beats up to the aligned bar at most this much faster or slower. */
    private static final double MAX_BEND = 0.5;

    private final Clock clock;
    private final ClockTick tick; // the sample clock against host time, read once a step
    private final double rate;
    private double latencyFrames;
    private boolean aligned;
    private double shift; // Sonora's beat minus the song position
    private double alignedBar; // the bar aligned last: until the horizon passes it, the bend stands
    private long alignments;

    MidiClockPhase(Clock clock, Server server) {
        this.clock = clock;
        this.tick = new ClockTick(server.engine().sampleClock());
        this.rate = server.sampleRate();
    }

    void outputLatencyFrames(int frames) {
        latencyFrames = Math.max(0, frames);
    }

    /** A start, a continue or a silence: the next run aligns afresh. */
    void release() {
        aligned = false;
    }

    /** How many times the bars were aligned (a start, a continue, a jump). */
    long alignments() {
        return alignments;
    }

    /**
     * Steers the clock to the song; false (and nothing touched) when the song does not run or
     * cannot be read yet: no tempo, no pulse since the start, the clock not started.
     */
    boolean run(ClockFollower f) {
        double bpm = f.bpm();
        double position = f.positionOfNewestPulse();
        double arrival = f.fittedNewestArrival();
        if (Double.isNaN(bpm) || Double.isNaN(position) || Double.isNaN(arrival) || !clock.running() || !tick.read()) {
            aligned = false;
            return false;
        }
        double spb = rate * 60 / bpm; // the song's samples per beat
        double b0 = clock.beatAtSample(clock.horizonSample());
        double s0 = clock.sampleAtBeat(b0);
        double reading = Math.round(bpm * 100) / 100.0;
        // where the song puts its position x: the newest pulse's sample, then spb a beat
        double newest = sampleOf(arrival);
        if (aligned && b0 < alignedBar) return true; // still bending into the aligned bar: off the song's path on purpose
        if (aligned && Math.abs(newest + (b0 - shift - position) * spb - s0) * 1000 / rate > REALIGN_MS) aligned = false;
        if (!aligned) {
            align(b0, s0, newest, position, spb, reading);
            return true;
        }
        double t1 = newest + (b0 + 1 - shift - position) * spb;
        if (Math.abs(t1 - clock.sampleAtBeat(b0 + 1)) * 1000 / rate > TOLERANCE_MS) {
            clock.follow(b0, s0, t1 - s0, reading); // one beat from now the clock is where the song is
        }
        return true;
    }

    /**
     * The first cycle boundary it can reach smoothly falls on the song's bar line nearest to
     * where the song's tempo from the horizon would put it; the beats before it are bent evenly.
     */
    private void align(double b0, double s0, double newest, double position, double spb, double bpm) {
        double q = clock.quantum();
        double bar = clock.cycleBoundaryFrom(b0);
        double songBeatAtS0 = position + (s0 - newest) / spb;
        for (int j = 0; ; j++) {
            double b = bar + j * q;
            double ahead = b - b0; // beats to bend over
            double songBar = Math.rint((songBeatAtS0 + ahead) / q) * q; // the song's bar line nearest the even path
            double at = newest + (songBar - position) * spb;
            double bent = ahead > 0 ? (at - s0) / ahead : Double.NaN;
            boolean smooth = ahead > 0 ? Math.abs(bent / spb - 1) <= MAX_BEND : Math.abs(at - s0) * 1000 / rate <= TOLERANCE_MS;
            if (!smooth && j < 2) continue; // at q beats ahead or more the nearest bar line is always within the bend
            if (ahead > 0) clock.follow(b0, s0, bent, bpm * spb / bent);
            clock.follow(b, at, spb, bpm);
            shift = b - songBar;
            alignedBar = b;
            aligned = true;
            alignments++;
            return;
        }
    }

    /** The sample that leaves the speakers at {@code nanos} ({@link System#nanoTime()}). */
    private double sampleOf(double nanos) {
        return tick.sample() + (nanos - tick.nanos()) * rate / 1e9 - latencyFrames;
    }
}
