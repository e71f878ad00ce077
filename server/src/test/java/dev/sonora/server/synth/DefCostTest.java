package dev.sonora.server.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The cost estimate of a definition: the sum of its units' costs, against a block's budget. */
class DefCostTest {
    private static final int RATE = 48000;
    private static final int BLOCK = 64;
    private static final double BUDGET_NS = BLOCK * 1e9 / RATE;

    // an injected table, so the sums below do not depend on any machine
    private static final UnitCosts TABLE = new UnitCosts(Map.of(
            "saw", new UnitCosts.Cost(2, 1),
            "lpf", new UnitCosts.Cost(3, 0.5, 10),
            "out", new UnitCosts.Cost(1, 0, 0.25)));

    private static DefCost estimate(SynthDef d, UnitCosts t) {
        return DefCost.estimate(d, t, RATE, BLOCK);
    }

    @Test
    void costOfAGraphIsTheSumOfItsUnitsCosts() {
        GraphBuilder b = new GraphBuilder();
        // saw: its freq is a control (steady) -> 2; lpf: its input moves -> 3 + 0.5;
        // out(bus 0, x, x): two moving channels -> 1 + 0.25 + 0.25
        SynthDef d = b.build("d", b.unit("lpf", b.unit("saw", b.control("freq", 110)), b.constant(1000)));
        DefCost c = estimate(d, TABLE);
        assertEquals(3, c.units());
        assertEquals((2 + 3.5 + 1.5) * BLOCK, c.nsPerBlock(), 1e-9);
        assertEquals((2 + 3.5 + 1.5) * BLOCK / BUDGET_NS, c.blockShare(), 1e-12);
    }

    @Test
    void aMovingInputAddsItsMeasuredExtra() {
        GraphBuilder b = new GraphBuilder();
        Signal saw = b.unit("saw", b.unit("saw", b.constant(1))); // moving freq: 2 + 1, and 2
        b.unit("lpf", saw, saw); // in and cutoff moving: 3 + 0.5 + 10
        DefCost c = estimate(b.build("d", null), TABLE);
        assertEquals((3 + 2 + 13.5) * BLOCK, c.nsPerBlock(), 1e-9);
    }

    @Test
    void aTypeTheTableLacksCostsATypicalUnit() {
        GraphBuilder b = new GraphBuilder();
        b.unit("tanh", b.constant(0.5));
        // medians of the table: steady of {2, 3, 1} = 2
        assertEquals(2.0 * BLOCK, estimate(b.build("d", null), TABLE).nsPerBlock(), 1e-9);
    }

    @Test
    void everyRegisteredUnitTypeHasAMeasuredCost() {
        for (String type : Units.builtIn().all().keySet()) {
            if (type.startsWith("test_")) continue;
            assertTrue(UnitCosts.MEASURED.has(type), type + " is not in UnitCosts.MEASURED: run MeasureUnitCosts");
        }
    }

    @Test
    void tenThousandUnitsAreHeavyAndTheReadmeBassIsNot() {
        GraphBuilder big = new GraphBuilder();
        Signal s = big.unit("saw", big.constant(110));
        for (int i = 0; i < 10000; i++) s = big.unit("lpf", s, big.constant(1000));
        DefCost heavy = estimate(big.build("big", s), UnitCosts.MEASURED);
        assertTrue(heavy.heavy(), "10 000 filters: " + heavy);

        GraphBuilder b = new GraphBuilder();
        Signal env = b.unit("adsr", b.constant(0.01), b.constant(0.2), b.constant(0.6), b.constant(0.4), b.control("gate", 1));
        Signal voice = b.unit("rlpf", b.unit("saw", b.control("freq", 110)), b.control("cutoff", 1200), b.constant(0.3));
        SynthDef bass = b.build("bass", b.unit("pan", b.unit("mul", b.unit("mul", voice, env), b.control("amp", 0.3)), b.constant(0)));
        DefCost light = estimate(bass, UnitCosts.MEASURED);
        assertFalse(light.heavy(), "bass: " + light);
        // relative facts, true on any machine the table was measured on
        assertTrue(light.blockShare() * 100 < DefCost.WARN_SHARE, "bass is far below the threshold: " + light);
        assertTrue(heavy.blockShare() > 1000 * light.blockShare(), heavy + " vs " + light);
    }

    @Test
    void theWarningIsOneLineNamingTheDefAndTheEstimate() {
        DefCost over = new DefCost("big", 10002, 8.71 * BUDGET_NS, 8.71);
        assertEquals("def 'big': one synth of it would take about 870% of an audio block (10002 units); "
                + "live, it will drop out: simplify it (a --render only runs slower)", over.warning("def 'big'"));
        DefCost part = new DefCost("mid", 1200, 0.4 * BUDGET_NS, 0.4);
        assertEquals("play: one synth of it would take about 40% of an audio block (1200 units); "
                + "live, more than 2 at once will drop out: simplify it if you play several", part.warning("play"));
        assertTrue(part.heavy());
        assertFalse(new DefCost("small", 5, 0, 0.25).heavy(), "the threshold itself does not warn");
        assertEquals("4.3", DefCost.percent(0.0434));
        assertEquals("43", DefCost.percent(0.434));
        assertEquals("1200", DefCost.percent(12.34));
    }
}
