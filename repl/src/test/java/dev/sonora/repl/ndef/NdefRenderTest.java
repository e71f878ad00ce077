package dev.sonora.repl.ndef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.Cli;
import dev.sonora.server.Wav;

/**
 * Crossfading proxies proved by rendering (issue 16): the fade starts on the quant boundary's
 * sample exactly, its two halves follow sin/cos (equal power: on constants sample by sample, and
 * on two sines of different pitch separated by frequency), the handover has no step larger
 * than the fade's own, the old source ends when its fade ends, and a steady sound crossfaded to
 * an identical copy keeps its level within 0.1 dB: an unrelated one (noise, whose powers add)
 * and one in phase or nearly (a sine, whose amplitudes add: {@code _xfadeout}'s correction).
 */
class NdefRenderTest {
    static final int RATE = 48000;

    record Render(float[] left, float[] right, String out) {
    }

    static Render render(Path dir, String script, int seconds) throws Exception {
        Path js = dir.resolve("ndef.js");
        Files.writeString(js, script);
        Path wav = dir.resolve("ndef.wav");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"--render", wav.toString(), "--duration", Integer.toString(seconds), "--block", "64", js.toString()});
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, all);
        assertTrue(all.contains("late 0,"), all);
        float[] s = Wav.read(wav).samples();
        float[] l = new float[s.length / 2];
        float[] r = new float[s.length / 2];
        for (int i = 0; i < l.length; i++) {
            l[i] = s[2 * i];
            r[i] = s[2 * i + 1];
        }
        return new Render(l, r, all);
    }

    @Test
    void aQuantisedCrossfadeStartsOnItsBoundarySampleAndIsEqualPower(@TempDir Path dir) throws Exception {
        // a constant on the left, then a constant on the right: each channel is one source's gain
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('x', () => [0.5, 0])",
                "ndef('x').quant = 4",
                "ndef('x').fadeTime = 0.25",
                "at(1, () => ndef('x', () => [0, 0.5]))",
                "for (const b of [3, 4.3, 5.5]) at(b, () => console.log('synths at ' + b + ': ' + status().synths))",
                ""), 4);
        int s = 4 * RATE / 2; // beat 4 at 120 bpm, beat 0 on the render's first sample
        int len = RATE / 4;
        assertEquals(0.5f, r.left[s - 1], 1e-6);
        assertEquals(0f, r.right[s - 1], 0f);
        assertEquals(0f, r.right[s], 0f, "the new source's gain is 0 on the boundary sample");
        assertTrue(r.right[s + 1] > 0f, "and rises from the next one");
        double worstLaw = 0;
        double worstCurve = 0;
        double maxStep = 0;
        for (int k = 0; k <= len; k++) {
            double a = r.left[s + k] / 0.5;
            double b = r.right[s + k] / 0.5;
            worstLaw = Math.max(worstLaw, Math.abs(a * a + b * b - 1));
            worstCurve = Math.max(worstCurve, Math.abs(a - Math.cos(Math.PI / 2 * k / len)));
            worstCurve = Math.max(worstCurve, Math.abs(b - Math.sin(Math.PI / 2 * k / len)));
            if (k > 0) {
                maxStep = Math.max(maxStep, Math.abs(r.left[s + k] - r.left[s + k - 1]));
                maxStep = Math.max(maxStep, Math.abs(r.right[s + k] - r.right[s + k - 1]));
            }
        }
        assertTrue(worstLaw < 1e-5, "sin² + cos² = 1 on every sample: " + worstLaw);
        assertTrue(worstCurve < 1e-5, "the gains are cos and sin of the fade's progress: " + worstCurve);
        // the fade's own steepest step, 0.5 · π/2 / len: no jump at the handover beyond it
        assertTrue(maxStep <= 0.5 * Math.PI / 2 / len * 1.001, "no discontinuity: " + maxStep);
        assertEquals(0f, r.left[s + len], 1e-6);
        for (int i = s + len; i < r.left.length; i++) assertEquals(0f, r.left[i], 0f, "old source silent after its fade, sample " + i);
        assertEquals(0.5f, r.right[s + len], 1e-6);
        assertTrue(r.out.contains("synths at 3: 2"), r.out);   // source + monitor
        assertTrue(r.out.contains("synths at 4.3: 3"), r.out); // both sources during the fade (an event runs up to the latency, 0.1 s, ahead of its sample)
        assertTrue(r.out.contains("synths at 5.5: 2"), r.out); // the old one ended with its fade
    }

    @Test
    void twoSinesOfDifferentPitchCrossfadeOnTheEqualPowerLaw(@TempDir Path dir) throws Exception {
        // 300 Hz hands over to 3000 Hz over 1 s from beat 4; each window of 480 samples holds a
        // whole number of periods of both, so a single-frequency DFT over it separates them
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('x', () => sine(300).mul(0.5))",
                "ndef('x').quant = 4",
                "ndef('x').fadeTime = 1",
                "at(1, () => ndef('x', () => sine(3000).mul(0.5)))",
                ""), 5);
        int s = 4 * RATE / 2;
        int len = RATE;
        int w = 480;
        double worst = 0;
        for (int from = s - 4 * w; from + w <= s + len + 4 * w; from += w) {
            double t = Math.min(1, Math.max(0, (from + w / 2.0 - s) / len));
            double low = amplitude(r.left, from, w, 300);
            double high = amplitude(r.left, from, w, 3000);
            worst = Math.max(worst, Math.abs(low - 0.5 * Math.cos(Math.PI / 2 * t)));
            worst = Math.max(worst, Math.abs(high - 0.5 * Math.sin(Math.PI / 2 * t)));
        }
        assertTrue(worst < 2e-3, "each sine's level follows cos/sin of the fade's progress: worst " + worst);
    }

    @Test
    void aChangeWaitingForItsBoundaryHoldsBackNeitherAHushNorAFree(@TempDir Path dir) throws Exception {
        // changes pending until beat 16 (8 s): the hush at 2 s faded out from there, 6 s late, and
        // the change's copy then played; free() ended the group first, and the change's own
        // commands came back as "has already ended" lines (a render failed on them)
        Render r = render(dir, String.join("\n",
                "ndef('q', ({freq = 220}) => saw(freq).mul(0.1)); ndef('q').fadeTime = 0.1; ndef('q').quant = 16",
                "ndef('r', ({freq = 330}) => saw(freq).mul(0.1)); ndef('r').fadeTime = 0.1; ndef('r').quant = 16",
                "at(2, () => { ndef('q').xset({freq: 330}); ndef('r').xset({freq: 440}); ndef('r').set({freq: 550}) })",
                "at(3, () => ndef('r').free(0.1))",
                "at(4, () => hush())"), 10);
        assertTrue(r.left[(int) (1.9 * RATE)] != 0f, "q played until the hush");
        float peak = 0;
        for (int i = (int) (2.3 * RATE); i < r.left.length; i++) peak = Math.max(peak, Math.abs(r.left[i]));
        assertEquals(0f, peak, "silent from the hush's fade on, the boundary at 8 s included");
        assertFalse(r.out.contains("server:"), r.out);
    }

    @Test
    void aPatternSteersAProxysControls(@TempDir Path dir) throws Exception {
        // a cycle (2 s) of two notes: the drone plays 220 Hz, then 440 Hz from exactly 1 s
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('drone', ({freq = 100}) => sine(freq).mul(0.5))",
                "pat('steer', note('57 69').ndef('drone'))",
                ""), 2);
        assertEquals(220, cycles(r.left, 2400, RATE - 2400) / (RATE - 4800.0) * RATE, 2, "first half: note 57");
        assertEquals(440, cycles(r.left, RATE + 2400, 2 * RATE - 2400) / (RATE - 4800.0) * RATE, 2, "second half: note 69");
        assertTrue(r.out.contains("late 0,"), r.out);
    }

    private static int cycles(float[] x, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) if (x[i - 1] < 0 && x[i] >= 0) n++;
        return n;
    }

    /** The amplitude of the {@code freq} component of {@code x[from, from + n)} (n a whole number of its periods). */
    private static double amplitude(float[] x, int from, int n, double freq) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            double ph = 2 * Math.PI * freq * i / RATE;
            re += x[from + i] * Math.cos(ph);
            im -= x[from + i] * Math.sin(ph);
        }
        return 2 * Math.hypot(re, im) / n;
    }

    @Test
    void aSteadySoundCrossfadedToAnIdenticalOneKeepsItsLevelWithinATenthOfADecibel(@TempDir Path dir) throws Exception {
        // noise: each synth has its own seed, so the two copies are uncorrelated and their powers add
        Render r = render(dir, String.join("\n",
                "ndef('n', ({amp = 0.2}) => noise().mul(amp))",
                "ndef('n').fadeTime = 4",
                "at(4, () => ndef('n').xset({amp: 0.2}))",
                ""), 9);
        int from = RATE / 2;
        int to = 2 * RATE;
        double ref = power(r.left, from, to);
        int start = 2 * RATE; // beat 4 at 120 bpm
        double worst = 0;
        for (int w = start - RATE; w < start + 5 * RATE; w += RATE / 2) {
            double db = 10 * Math.log10(power(r.left, w, w + RATE / 2) / ref);
            worst = Math.max(worst, Math.abs(db));
        }
        assertTrue(worst < 0.1, "level through the crossfade within 0.1 dB: worst " + worst + " dB");
    }

    @Test
    void aSineHandedOverToACopyOfItselfKeepsItsLevelWithinATenthOfADecibel(@TempDir Path dir) throws Exception {
        // beat 4 at 120 bpm is sample 96 000, a whole number of 300 Hz periods: the new copy starts
        // in phase with the old one (the case an equal-power fade alone swells by 3 dB midway);
        // beat 4.001 is 24 samples later (54°), beat 4.0005 12 samples (27°)
        assertLevelKept(dir, 0.5, "4");
        assertLevelKept(dir, 2, "4.001");
        assertLevelKept(dir, 0.1, "4.0005");
        // 60 samples (135°): the plain sum midway is 5.3 dB down; the correction (up to 6 dB) mends it
        assertLevelKept(dir, 0.5, "4.0025");
    }

    @Test
    void aSineHandedOverToANearlyOppositeCopyKeepsItsLevel(@TempDir Path dir) throws Exception {
        // a 300 Hz period is 160 samples, and a beat 24 000: 67 samples late is 151°, where the
        // +6 dB correction alone left a 1.6 dB dip; 76 is 171° (12 dB); 80 is 180°, where the plain
        // sum cancels midway. The new copy turns its polarity over while it is still quiet.
        // 53 samples (119°) and 56 (126°) are either side of where a copy turns (120°); a 0.1 s
        // fade decides sooner (when its gain reaches 0.2, 13 ms in). {fade s, samples late}:
        double[][] cases = {{0.5, 53}, {0.5, 56}, {0.5, 67}, {0.5, 76}, {0.5, 80}, {2, 80}, {0.1, 67}, {0.1, 80}};
        for (double[] c : cases) assertLevelKept(dir, c[0], "4 + " + (int) c[1] + " / 24000");
        // a bass: 55 Hz, 436 samples is half its period (2.2 periods in the 40 ms before the
        // decision); measured in windows of 4 periods (3491 samples)
        assertLevelKept(dir, 0.5, "4 + 436 / 24000", "sine(55)", 3491);
        // a saw half a period apart: its odd harmonics opposite, its even ones in phase (correlation -0.5)
        assertLevelKept(dir, 0.5, "4 + 80 / 24000", "saw(300)", 480);
    }

    @Test
    void aStormOfChangesDoesNotBuildUpLevel(@TempDir Path dir) throws Exception {
        // 100 copies of one sine started 11 ms apart (each 108° on from the one before), each
        // fading over 0.5 s: many sources at once at many phases, where the correction's
        // complement rule no longer holds
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('s', ({amp = 0.5}) => sine(300).mul(amp))",
                "for (let i = 0; i < 100; i++) at(4 + i * 0.022, () => ndef('s').xset({amp: 0.5}))",
                ""), 8);
        double loudest = levelsDb(r.left, 2 * RATE - 4800, 7 * RATE, 480)[1];
        float peak = 0;
        for (float v : r.left) peak = Math.max(peak, Math.abs(v));
        assertTrue(loudest < 1.0, "no 10 ms window more than 1 dB above the steady sine: loudest " + loudest + " dB");
        assertTrue(peak < 0.5 * 1.2, "peak " + peak);
    }

    @Test
    void unrelatedSoundsChangedFasterThanTheFadeKeepTheLevel(@TempDir Path dir) throws Exception {
        // a new pitch every 0.25 s with a 2 s fade: each source was faded out from the gain it had
        // reached, so the sum sank (-10 dB and lower); now every older one fades out under each change
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('pad').fadeTime = 2",
                "ndef('pad', () => sine(220).mul(0.3))",
                "let k = 0",
                "at(4, () => loop('chords', 0.5, () => { k++; const f = 220 * Math.pow(2, ((k * 7) % 24) / 12); ndef('pad', () => sine(f).mul(0.3)) }))",
                ""), 12);
        double steady = power(r.left, RATE, 4 * RATE); // one sine, before the changes
        double during = power(r.left, 7 * RATE, 12 * RATE); // a storm of changes, several sources at once
        double db = 10 * Math.log10(during / steady);
        System.out.printf(java.util.Locale.ROOT, "ndef, a new pitch every 0.25 s, fade 2 s: %+.2f dB against one sine%n", db);
        assertTrue(Math.abs(db) < 1.0, "level kept within 1 dB: " + db + " dB");
    }

    /** xset of a 300 Hz sine to the same values at {@code beat}, over {@code fade} s: level in 10 ms windows. */
    private static void assertLevelKept(Path dir, double fade, String beat) throws Exception {
        assertLevelKept(dir, fade, beat, "sine(300)", 480);
    }

    /**
     * The same for another sound, {@code graph} a JS expression of a steady signal, its level
     * measured in windows of {@code window} samples (whole periods of it: a window of part of a
     * period would itself read a sine's level up and down).
     */
    private static void assertLevelKept(Path dir, double fade, String beat, String graph, int window) throws Exception {
        Render r = render(dir, String.join("\n",
                "tempo(120)",
                "ndef('s', ({amp = 0.5}) => " + graph + ".mul(amp))",
                "ndef('s').fadeTime = " + fade,
                "at(" + beat + ", () => ndef('s').xset({amp: 0.5}))",
                ""), 5);
        int start = 2 * RATE;
        double[] range = levelsDb(r.left, start - 4800, start + (int) (fade * RATE) + 9600, window);
        double worst = Math.max(-range[0], range[1]);
        System.out.printf(java.util.Locale.ROOT, "ndef xset of %s, fade %.1f s at beat %s: level %+.3f .. %+.3f dB%n",
                graph, fade, beat, range[0], range[1]);
        assertTrue(worst < 0.1, "fade " + fade + " s at beat " + beat + ": level within 0.1 dB, worst " + worst + " dB");
    }

    /**
     * The quietest and loudest level, in dB against the steady sound of the render's second
     * second, of windows of {@code w} samples (480: 10 ms, three periods of 300 Hz) a quarter
     * window apart in [from, to).
     */
    private static double[] levelsDb(float[] x, int from, int to, int w) {
        double ref = power(x, RATE, RATE + 10 * w);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i + w <= to; i += w / 4) {
            double db = 10 * Math.log10(power(x, i, i + w) / ref);
            lo = Math.min(lo, db);
            hi = Math.max(hi, db);
        }
        return new double[] {lo, hi};
    }

    private static double power(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
        return sum / (to - from);
    }

    @Test
    void theExampleSetRenders(@TempDir Path dir) throws Exception {
        Path script = Path.of("..", "scripts", "proxies.js").toAbsolutePath().normalize();
        Render r = render(dir, Files.readString(script), 12);
        double peak = 0;
        for (float v : r.left) peak = Math.max(peak, Math.abs(v));
        assertTrue(peak > 0.05 && peak <= 1, "it sounds: peak " + peak);
        assertTrue(!java.util.regex.Pattern.compile("\\.js:\\d+:").matcher(r.out).find(), "no error lines: " + r.out);
    }
}
