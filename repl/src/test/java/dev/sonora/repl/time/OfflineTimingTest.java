package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.Cli;
import dev.sonora.server.Wav;

/**
 * {@code --render} of loops, generator loops and {@code at} at an awkward tempo: every click
 * lands on the sample its beat gives (±1 for rounding), hundreds of them, block size 64.
 */
class OfflineTimingTest {
    @Test
    void everyClickOfARenderLandsOnItsSample(@TempDir Path dir) throws Exception {
        float[] left = render(dir, Clicks.SCRIPT, 12);
        double beats = 12 * 137 / 60.0;
        TreeSet<Long> ideal = Clicks.ideal(Clicks.scriptBeats(beats), 0, Clicks.BPM, left.length);
        List<Integer> onsets = Clicks.onsets(left, left.length, 0.1);
        assertTrue(ideal.size() > 200, "hundreds of clicks: " + ideal.size());
        assertNull(Clicks.compare(ideal, onsets));
        assertEquals(ideal.size(), onsets.size());
    }

    @Test
    void aTempoChangeInALoopKeepsTheBeatAndTheGrid(@TempDir Path dir) throws Exception {
        float[] left = render(dir, Clicks.SCRIPT + "at(8, () => tempo(90))\n", 12);
        double spb1 = Clicks.samplesPerBeat(137);
        double spb2 = Clicks.samplesPerBeat(90);
        double beats = 8 + (left.length - 8 * spb1) / spb2;
        TreeSet<Long> ideal = new TreeSet<>();
        for (double b : Clicks.scriptBeats(beats)) {
            long x = Math.round(b <= 8 ? b * spb1 : 8 * spb1 + (b - 8) * spb2);
            if (x < left.length - 2) ideal.add(x);
        }
        assertNull(Clicks.compare(ideal, Clicks.onsets(left, left.length, 0.1)));
    }

    /** Runs {@code --render} in-process; returns the left channel. */
    private static float[] render(Path dir, String script, int seconds) throws Exception {
        Path js = dir.resolve("clicks.js");
        Files.writeString(js, script);
        Path wav = dir.resolve("clicks.wav");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--render", wav.toString(), "--duration", Integer.toString(seconds), "--block", "64",
                        js.toString()});
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, all);
        assertTrue(all.contains("late 0,"), all);
        float[] left = Wav.read(wav).left();
        assertEquals(seconds * Clicks.RATE, left.length);
        return left;
    }
}
