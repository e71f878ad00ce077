package dev.sonora.server.osc;

import java.time.Instant;

import dev.sonora.server.Server;
import dev.sonora.server.rt.Command;

/**
 * NTP time tags to the server's sample time. An NTP time (seconds since 1900) becomes a wall
 * time (Unix epoch nanoseconds), then a {@link System#nanoTime()} value through the offset
 * between the two clocks read now, then a sample through the engine's
 * {@link dev.sonora.server.rt.SampleClock} (the line the driver keeps between its cycles and
 * the monotonic clock). Receive thread; and the other way for bundles scripts send
 * ({@link #ntpOfMonotonic}, any thread).
 */
public final class OscTime {
    /** Seconds from 1900-01-01 (NTP's epoch) to 1970-01-01. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private OscTime() {
    }

    /** Unix epoch nanoseconds of an NTP time tag. */
    static long unixNanos(long ntp) {
        long seconds = (ntp >>> 32) - NTP_TO_UNIX_SECONDS;
        long fraction = ntp & 0xFFFF_FFFFL;
        return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L) >>> 32);
    }

    /** The NTP time tag of a Unix epoch time in nanoseconds. */
    static long ntp(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L);
        long nanos = Math.floorMod(unixNanos, 1_000_000_000L);
        return ((seconds + NTP_TO_UNIX_SECONDS) << 32) | ((nanos << 32) / 1_000_000_000L);
    }

    /** Now, as Unix epoch nanoseconds (microsecond resolution on Linux). */
    static long nowUnixNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * The monotonic ({@link System#nanoTime()}) instant of a wall-clock time. The offset between
     * the two clocks is read three times, each read of the wall clock bracketed by two of the
     * monotonic one, and the tightest bracket is used: a thread preempted between two reads would
     * otherwise shift the note by the time it was away.
     */
    static long monotonic(long unixNanos) {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            long before = System.nanoTime();
            long wall = nowUnixNanos();
            long after = System.nanoTime();
            if (after - before < best) {
                best = after - before;
                offset = wall - (before + (after - before) / 2);
            }
        }
        return unixNanos - offset;
    }

    /** The NTP time tag of a monotonic ({@link System#nanoTime()}) instant: the way a bundle a script sends is stamped. */
    public static long ntpOfMonotonic(long nanos) {
        long wallMinusMonotonic = -monotonic(0); // monotonic(u) is u minus that offset, read the tight way
        return ntp(nanos + wallMinusMonotonic);
    }

    /**
     * The sample a time tag falls on, or {@link Command#NOW} for "immediately", for a time already
     * past ({@code late[0]} is then set) and while no driver has run yet.
     */
    public static long sampleOf(Server server, long ntp, boolean[] late) {
        if (ntp == OscBundle.IMMEDIATELY || ntp == 0) return Command.NOW;
        long sample = server.engine().sampleClock().sampleAt(monotonic(unixNanos(ntp)), Long.MIN_VALUE);
        if (sample == Long.MIN_VALUE) return Command.NOW;
        if (sample < server.sampleTime()) {
            late[0] = true;
            return Command.NOW;
        }
        return sample;
    }
}
