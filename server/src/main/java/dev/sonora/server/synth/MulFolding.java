package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A graph optimisation run once per definition: {@code x.mul(k)}, where x is the only use of
 * a unit that has its own scale input (e.g. {@code sine}), becomes that unit scaling its
 * output itself. One pass over memory fewer per voice; the sound is the same.
 * Sender side (whoever builds the definition).
 */
final class MulFolding {
    private MulFolding() {
    }

    static void fold(GraphBuilder b) {
        List<GraphBuilder.UnitSpec> units = b.units;
        int[] producer = new int[b.wires];
        int[] consumers = new int[b.wires];
        Arrays.fill(producer, -1);
        for (int u = 0; u < units.size(); u++) {
            for (int w : units.get(u).outputs()) producer[w] = u;
            for (int w : units.get(u).inputs()) if (w >= 0) consumers[w]++;
        }
        int[] redirect = new int[b.wires];
        for (int w = 0; w < redirect.length; w++) redirect[w] = w;
        boolean[] removed = new boolean[units.size()];
        for (int u = 0; u < units.size(); u++) {
            GraphBuilder.UnitSpec m = units.get(u);
            if (!m.type().name().equals("mul")) continue;
            for (int side = 0; side < 2; side++) {
                int w = resolve(redirect, m.inputs()[side]);
                int other = resolve(redirect, m.inputs()[1 - side]);
                if (w < 0 || producer[w] < 0 || consumers[w] != 1) continue;
                int p = producer[w];
                GraphBuilder.UnitSpec prod = units.get(p);
                int k = prod.type().mulInput();
                // the scale must still be the default 1, and be computed before the producer runs
                if (k < 0 || !isOne(b, prod.inputs()[k])) continue;
                if (other >= 0 && producer[other] > p) continue;
                prod.inputs()[k] = other;
                if (other >= 0) consumers[other]++;
                removed[u] = true;
                redirect[m.outputs()[0]] = w;
                consumers[w] = consumers[m.outputs()[0]];
                break;
            }
        }
        List<GraphBuilder.UnitSpec> kept = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            if (removed[u]) continue;
            int[] in = units.get(u).inputs();
            for (int i = 0; i < in.length; i++) in[i] = resolve(redirect, in[i]);
            kept.add(units.get(u));
        }
        units.clear();
        units.addAll(kept);
    }

    private static int resolve(int[] redirect, int ref) {
        if (ref < 0) return ref;
        while (redirect[ref] != ref) ref = redirect[ref];
        return ref;
    }

    private static boolean isOne(GraphBuilder b, int ref) {
        return ref < 0 && b.constants.get(-1 - ref) == 1f;
    }
}
