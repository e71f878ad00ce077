package dev.sonora.server.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.dsp.KernelRig.In;

class EffectsTest {
    private static final int SR = KernelRig.SR;

    @Test
    void theLimiterNeverLetsASampleExceedItsLevel() {
        int frames = 5 * SR;
        float[] x = KernelRig.noise(frames, 11);
        for (int i = 0; i < frames; i++) {
            // bursts up to 20x the level, silences, single spikes
            int section = i / 4800;
            x[i] *= section % 3 == 0 ? 18f : section % 3 == 1 ? 0.3f : 0f;
            if (i % 9973 == 0) x[i] = -40f;
        }
        float[] y = new KernelRig().run("limit", frames, true, In.of(x), In.of(0.9), In.of(0.01))[0];
        float max = 0;
        for (float v : y) max = Math.max(max, Math.abs(v));
        assertTrue(max <= 0.9f, "peak " + max);
        assertTrue(max > 0.85f, "and it does not simply attenuate everything: " + max);
        // quiet passages come through at unity gain, 2 chunks (20 ms) late
        int quiet = 4800 * 4 + 2000;
        assertEquals(x[quiet] , y[quiet + 960], 1e-4f, "unity gain for quiet input once recovered");
    }

    @Test
    void delayEchoesAtItsTimeFallingByTheFeedback() {
        int frames = SR;
        float[] x = new float[frames];
        x[100] = 1f;
        float[] y = new KernelRig().run("delay", frames, true, In.of(x), In.of(0.1), In.of(0.5))[0];
        assertEquals(1f, y[100], 1e-6f, "dry");
        assertEquals(0.5f, y[100 + 4800], 1e-4f, "first echo");
        assertEquals(0.25f, y[100 + 9600], 1e-4f, "second echo");
        assertEquals(0f, y[100 + 2400], 1e-6f);
    }

    @Test
    void aModulatedDelayTimeGlidesWithoutClicks() {
        int frames = 2 * SR;
        float[] x = KernelRig.sine(440, frames, 0.5);
        float[] time = new float[frames];
        for (int i = 0; i < frames; i++) time[i] = (float) (0.02 + 0.01 * Math.sin(2 * Math.PI * 0.5 * i / SR));
        float[] y = new KernelRig().run("delay", frames, true, In.of(x), In.of(time), In.of(0))[0];
        // with feedback 0 the output is dry + (unit) delayed copy: its slope is bounded by the
        // sine's own slope times (1 + the Doppler factor); a click would be a far larger step
        double maxStep = 0;
        for (int i = 1; i < frames; i++) maxStep = Math.max(maxStep, Math.abs(y[i] - y[i - 1]));
        double sineStep = 0.5 * 2 * Math.PI * 440 / SR;
        assertTrue(maxStep < 2.2 * sineStep, "largest step " + maxStep + " vs " + sineStep);
    }

    @Test
    void reverbIsStereoDecaysAndPassesDryAtMixZero() {
        int frames = 3 * SR;
        float[] x = new float[frames];
        x[0] = 1f;
        float[][] wet = new KernelRig().run("reverb", frames, true, In.of(x), In.of(x), In.of(1), In.of(0.8), In.of(0.5));
        double early = KernelRig.rms(wet[0], SR / 10, SR / 5);
        double late = KernelRig.rms(wet[0], 2 * SR, 2 * SR + SR / 10);
        assertTrue(early > 1e-4, "the impulse makes a tail: " + early);
        assertTrue(late < early / 10, "that decays: " + early + " -> " + late);
        double diff = 0;
        for (int i = 0; i < SR; i++) diff += Math.abs(wet[0][i] - wet[1][i]);
        assertTrue(diff > 0.01, "left and right differ (stereo spread)");
        float[] music = KernelRig.sine(300, frames, 0.3);
        float[][] dry = new KernelRig().run("reverb", frames, true, In.of(music), In.of(music), In.of(0), In.of(0.8), In.of(0.5));
        for (int i = 0; i < frames; i++) assertEquals(music[i], dry[0][i], 1e-6f);
    }

    @Test
    void reverbClearsItsDeadTailAndWakesForTheNextSound() {
        int frames = 12 * SR;
        int second = 10 * SR;
        float[] x = new float[frames];
        x[0] = 1f;
        x[second] = 1f;
        float[][] y = new KernelRig().run("reverb", frames, true, In.of(x), In.of(x), In.of(1), In.of(0.5), In.of(0.5));
        for (float[] ch : y) {
            for (int i = second - SR; i < second; i++) assertEquals(0f, ch[i], 0f, "cleared to exact zero before " + i);
        }
        double tail = KernelRig.rms(y[0], second + SR / 10, second + SR / 5);
        double first = KernelRig.rms(y[0], SR / 10, SR / 5);
        assertEquals(first, tail, first * 1e-3, "the second impulse reverberates like the first");
    }

    @Test
    void shapersDoWhatTheySay() {
        float[] x = {-3f, -1f, -0.25f, 0f, 0.5f, 2f};
        float[] tanh = new KernelRig().run("tanh", 6, false, In.of(x))[0];
        float[] clip = new KernelRig().run("clip", 6, false, In.of(x), In.of(-0.5), In.of(0.5))[0];
        float[] range = new KernelRig().run("range", 6, false, In.of(x), In.of(100), In.of(200))[0];
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) Math.tanh(x[i]), tanh[i], 1e-7f);
            assertEquals(Math.max(-0.5f, Math.min(0.5f, x[i])), clip[i], 0f);
            assertEquals(100 + (x[i] + 1) * 50, range[i], 1e-4f);
        }
    }
}
