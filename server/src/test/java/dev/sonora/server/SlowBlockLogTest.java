package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.rt.LateCycles;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.SlowBlocks;

/** The soak's slow-block log also says when each xrun was counted, to set beside the JVM's own logs. */
class SlowBlockLogTest {
    @Test
    void theStatsKeepTheLastXrunsInstants() {
        RtStats stats = new RtStats();
        long before = System.nanoTime();
        for (int i = 0; i < RtStats.XRUN_TIMES + 44; i++) stats.countXrun();
        long after = System.nanoTime();
        assertEquals(RtStats.XRUN_TIMES + 44, stats.xruns);
        assertEquals(Long.MIN_VALUE, stats.xrunNanos(43), "written over by newer ones");
        assertEquals(Long.MIN_VALUE, stats.xrunNanos(stats.xruns), "not counted yet");
        long last = before;
        for (long k = 44; k < stats.xruns; k++) {
            long t = stats.xrunNanos(k);
            assertTrue(t >= last && t <= after, "xrun " + k + " at " + t);
            last = t;
        }
    }

    @Test
    void eachXrunIsALineWithItsInstant(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slow.log");
        RtStats stats = new RtStats();
        stats.countXrun(); // before the log started: not written
        System.setProperty(SlowBlockLog.PROPERTY, file.toString());
        try {
            SlowBlockLog.startIfAsked(new SlowBlocks(8), new LateCycles(8), stats);
        } finally {
            System.clearProperty(SlowBlockLog.PROPERTY);
        }
        Instant from = Instant.now().minusMillis(5);
        stats.countXrun();
        stats.countXrun();
        Instant to = Instant.now().plusMillis(5);
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.size() < 2; i++) {
            Thread.sleep(50);
            lines = Files.readAllLines(file);
        }
        assertEquals(2, lines.size(), "lines: " + lines);
        for (int i = 0; i < 2; i++) {
            String[] f = lines.get(i).split(" ");
            assertEquals("xrun", f[1]);
            assertEquals(String.valueOf(i + 2), f[2]);
            Instant at = Instant.parse(f[0]);
            assertTrue(!at.isBefore(from) && !at.isAfter(to), at + " between " + from + " and " + to);
        }
    }
}
