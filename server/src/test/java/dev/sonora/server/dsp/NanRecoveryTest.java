package dev.sonora.server.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sonora.server.dsp.KernelRig.In;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/** Every unit survives NaN and infinities on every input without being poisoned for good. */
class NanRecoveryTest {

    @Test
    void everyUnitRecoversFromNanAndInfinityOnEveryInput() {
        int frames = 48000;
        int bad = 4800;
        for (Map.Entry<String, UnitType> e : Units.builtIn().all().entrySet()) {
            UnitType t = e.getValue();
            if (t.variadic() || t.outputs() == 0) continue;
            for (int poisoned = 0; poisoned < t.inputs().length; poisoned++) {
                for (float poison : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    In[] in = new In[t.inputs().length];
                    for (int i = 0; i < in.length; i++) {
                        float normal = Float.isNaN(t.defaults()[i]) ? 0.5f : t.defaults()[i];
                        if (t.inputs()[i].equals("freq")) normal = 440f;
                        if (t.inputs()[i].equals("bus")) normal = 0f;
                        float[] sig = new float[frames];
                        java.util.Arrays.fill(sig, normal);
                        if (i == 0 && (t.inputs()[0].equals("in") || t.inputs()[0].equals("left"))) {
                            sig = KernelRig.sine(220, frames, 0.5);
                        }
                        if (i == poisoned) {
                            for (int k = 1000; k < 1000 + bad; k++) sig[k] = poison;
                        }
                        in[i] = In.of(sig);
                    }
                    float[][] y = new KernelRig().run(t.name(), frames, true, in);
                    for (float[] ch : y) {
                        for (int k = frames / 2; k < frames; k++) {
                            assertTrue(Float.isFinite(ch[k]), t.name() + " poisoned by " + poison + " on input '"
                                    + t.inputs()[poisoned] + "': still " + ch[k] + " at " + k);
                        }
                    }
                }
            }
        }
    }
}
