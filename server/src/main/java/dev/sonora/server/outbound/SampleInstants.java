package dev.sonora.server.outbound;

import dev.sonora.server.Server;
import dev.sonora.server.rt.Command;

/**
 * The monotonic instant ({@link System#nanoTime()}) at which a sample is rendered: the inverse of
 * {@link dev.sonora.server.rt.SampleClock#sampleAt}, read off the same line the driver keeps. On the
 * clocked null driver that line is the ideal one, so a sample maps to its exact instant. Any thread;
 * allocation-free.
 */
public final class SampleInstants {
    private SampleInstants() {
    }

    /**
     * When {@code sample} plays, as a {@link System#nanoTime()} value; now for {@link Command#NOW}.
     * Before the driver's first cycle there is no line yet: the samples still to go from the
     * server's sample time are counted from now (a set that sends MIDI clock from its first line).
     */
    public static long nanosOf(Server server, long sample) {
        long now = System.nanoTime();
        if (sample == Command.NOW) return now;
        long here = server.engine().sampleClock().sampleAt(now, Long.MIN_VALUE);
        if (here == Long.MIN_VALUE) here = server.sampleTime();
        // sampleAt floors: the sample being rendered at `now` began up to one frame earlier, so
        // half a frame is the unbiased guess for where in it `now` lies
        double framesAhead = sample - here - 0.5;
        return now + Math.round(framesAhead * 1e9 / server.sampleRate());
    }
}
