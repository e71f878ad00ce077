package dev.sonora.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.sonora.server.rt.LateCycles;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.SlowBlocks;

/**
 * A measuring aid for soaks, on only when the system property {@code sonora.slowBlockLog}
 * names a file: once a second its own daemon thread writes every block that overran its
 * duration as one line (wall-clock time in UTC to the microsecond, how long it took, how much of
 * that the audio thread was running (its CPU time: see {@link SlowBlocks#CPU_CLOCKED}), its sample
 * time, the commands it performed), every driver cycle that ended in the last quarter of
 * its period (JACK: how far into the period its callback entered and left), and the instant of
 * every xrun the driver counted ("... xrun N"), so the lines can be set beside the JVM's logs of
 * safepoints, compilations and GC. Never on the audio thread.
 */
final class SlowBlockLog {
    static final String PROPERTY = "sonora.slowBlockLog";

    private SlowBlockLog() {
    }

    /** Starts the writer when the property is set. The thread that starts the server. */
    static void startIfAsked(SlowBlocks blocks, LateCycles cycles, RtStats stats) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return;
        PrintWriter out;
        try {
            out = new PrintWriter(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            System.err.println("server: cannot write the slow-block log " + file + ": " + e.getMessage());
            return;
        }
        // one offset from the monotonic clock to the wall clock, read once: the lines stay comparable
        long wallMinusMono = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        long xrunsBefore = stats.xruns; // read here, not on the thread: the xruns counted from now on are all written
        Thread t = new Thread(() -> {
            long xrunsSeen = xrunsBefore;
            while (true) {
                blocks.drain((start, took, cpu, sampleTime, commands) -> out.printf("%s took %.3f ms (cpu %.3f ms) sample %d commands %d%n",
                        Instant.ofEpochSecond(0, start + wallMinusMono), took / 1e6, cpu / 1e6, sampleTime, commands));
                cycles.drain((entered, enteredFrames, leftFrames) -> out.printf("%s cycle entered %d frames in, left %d frames in%n",
                        Instant.ofEpochSecond(0, entered + wallMinusMono), enteredFrames, leftFrames));
                for (long n = stats.xruns; xrunsSeen < n; xrunsSeen++) {
                    long at = stats.xrunNanos(xrunsSeen);
                    if (at != Long.MIN_VALUE) out.printf("%s xrun %d%n", Instant.ofEpochSecond(0, at + wallMinusMono), xrunsSeen + 1);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sonora-slow-blocks");
        t.setDaemon(true);
        t.start();
    }
}
