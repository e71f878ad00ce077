package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.CliRun;
import dev.sonora.repl.LiveHost;
import dev.sonora.server.Wav;
import dev.sonora.server.rt.DiscardOut;

/**
 * A set that never calls {@code tempo()} plays at the documented default of 120 bpm: a loop
 * or an {@code at} is enough to start the clock (issue 11, item 1: they used to wait forever
 * for a tempo() call and the render was silent).
 */
class DefaultTempoTest {
    private static final String CLICK = "def('click', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))\n";

    @Test
    void aLoopWithoutTempoPlaysAt120(@TempDir Path dir) throws Exception {
        List<Integer> onsets = renderOnsets(dir, CLICK + "loop('l', 0.5, (b) => synth('click'))\n", 3);
        TreeSet<Double> beats = new TreeSet<>();
        for (int k = 0; k < 12; k++) beats.add(k * 0.5);
        assertNull(Clicks.compare(Clicks.ideal(beats, 0, 120, 3 * Clicks.RATE), onsets), "onsets " + onsets);
    }

    @Test
    void anAtWithoutTempoPlaysAt120(@TempDir Path dir) throws Exception {
        List<Integer> onsets = renderOnsets(dir, CLICK + "at(1, () => synth('click'))\nat(2.5, () => synth('click'))\n", 2);
        assertEquals(List.of(24000, 60000), onsets, "beat 1 and 2.5 at 120 bpm");
    }

    @Test
    void aLiveLoopWithoutTempoRuns() throws Exception {
        try (LiveHost live = new LiveHost(new DiscardOut(), 256)) {
            live.eval(CLICK + "globalThis.ticks = 0\nloop('l', 0.25, () => { ticks++; synth('click') })\n", "set.js");
            long until = System.nanoTime() + 10_000_000_000L; // a stop condition, not a threshold
            double ticks = 0;
            while (ticks < 4 && System.nanoTime() < until) {
                Thread.sleep(50);
                ticks = Double.parseDouble(live.eval("ticks", "t"));
            }
            assertTrue(ticks >= 4, "the loop ran " + ticks + " times; printed " + live.printed + " " + live.errors);
            assertEquals(120.0, Double.parseDouble(live.eval("tempo()", "t")));
        }
    }

    private static List<Integer> renderOnsets(Path dir, String script, int seconds) throws Exception {
        Path js = dir.resolve("set.js");
        Files.writeString(js, script);
        Path wav = dir.resolve("set.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", Integer.toString(seconds), js.toString());
        assertEquals(0, r.code(), r.all());
        float[] left = Wav.read(wav).left();
        return Clicks.onsets(left, left.length, 0.1);
    }
}
