package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.CliRun;
import dev.sonora.repl.pattern.Fraction;
import dev.sonora.repl.pattern.Hap;
import dev.sonora.repl.pattern.Mini;

/**
 * Patterns played by {@code --render}: every event of a dense pattern on the sample its exact
 * pattern time gives (±1, block size 64, 137 bpm, 32 cycles); a re-evaluated pattern taking
 * over at the next cycle boundary in phase; a pattern that throws later going back to the one
 * before, with one line; stop() silencing a pattern from its beat.
 */
class PatternTimingTest {
    private static final String CLICK = "tempo(137)\ndef('click', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))\n";
    private static final double SPB = Clicks.samplesPerBeat(Clicks.BPM);

    @Test
    void everyEventOfADensePatternLandsOnItsSample(@TempDir Path dir) throws Exception {
        String dense = "hh*16, bd(5,8), <sn [sn sn]>";
        int cycles = 32;
        int seconds = (int) Math.ceil(cycles * 4 * 60 / Clicks.BPM) + 1;
        R r = render(dir, CLICK + "pat('dense', mini(\"" + dense + "\").fast(2).def('click'))\n", seconds, 0);
        TreeSet<Long> ideal = new TreeSet<>();
        int events = 0;
        for (Hap h : Mini.parse(dense).fast(Fraction.of(2)).onsets(Fraction.ZERO, Fraction.of(cycles + 2))) {
            if (h.whole().begin().lt(Fraction.of(cycles))) events++;
            long x = Math.round(h.whole().begin().toDouble() * 4 * SPB);
            if (x < r.left.length - 2) ideal.add(x);
        }
        assertEquals(cycles * (32 + 10 + 3), events, "events in 32 cycles");
        assertTrue(ideal.size() > 1000, "distinct onsets: " + ideal.size());
        assertNull(Clicks.compare(ideal, Clicks.onsets(r.left, r.left.length, 0.1)));
    }

    @Test
    void aNewPatternTakesOverAtTheNextCycleAndAFailingOneGoesBack(@TempDir Path dir) throws Exception {
        String script = CLICK + """
                pat('a', note('0*4').def('click'))
                at(6, () => pat('a', note('<0*3 0*3 0*3 0*3 bd*3>').def('click')))
                at(4 * 5 + 1.25, () => stop('a')) // the slice with beat 22 is sent at 21.5: stopped before
                """;
        R r = render(dir, script, 11, 1); // the error line makes the render exit non-zero, as a loop's would
        TreeSet<Long> ideal = new TreeSet<>();
        int[] perCycle = {4, 4, 3, 3, 4, 4}; // the new one from cycle 2 (beat 8); cycle 4 throws: back to 0*4
        for (int c = 0; c < perCycle.length; c++) {
            for (int k = 0; k < perCycle[c]; k++) {
                double beat = 4 * (c + (double) k / perCycle[c]);
                if (beat < 22) ideal.add(Math.round(beat * SPB));
            }
        }
        assertNull(Clicks.compare(ideal, Clicks.onsets(r.left, r.left.length, 0.1)), r.run.all());
        String err = r.run.err();
        assertEquals(1, err.split("pat 'a'", -1).length - 1, err);
        assertTrue(err.contains("clicks.js:4: pat 'a': note: expected a number, got bd (kept the previous pattern)"), err);
    }

    private record R(float[] left, CliRun run) {
    }

    private static R render(Path dir, String script, int seconds, int code) throws Exception {
        Path js = dir.resolve("clicks.js");
        Files.writeString(js, script);
        Path wav = dir.resolve("clicks.wav");
        CliRun run = CliRun.of("", "--render", wav.toString(), "--duration", Integer.toString(seconds), "--block", "64", js.toString());
        assertEquals(code, run.code(), run.all());
        assertTrue(run.all().contains("late 0,"), run.all());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        float[] left = new float[b.getInt(40) / 8];
        b.position(44);
        for (int i = 0; i < left.length; i++) {
            left[i] = b.getFloat();
            b.getFloat();
        }
        return new R(left, run);
    }
}
