package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.sonora.server.synth.DefException;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;
import dev.sonora.server.ugen.Mul;

/** Two servers in one JVM share nothing mutable: unit types, streams and buffers are each server's own. */
class PerServerStateTest {
    private static final UnitType MINE = new UnitType("mine", new String[] {"a"}, new float[] {1}, 1, false,
            (c, in, out) -> new Mul(in[0], in[0], out[0]));

    @Test
    void aUnitTypeOneServerRegistersIsNotSeenByAnother() {
        try (Rig a = new Rig(); Rig b = new Rig()) {
            a.server.units().register(MINE);
            assertNotNull(a.server.units().get("mine"));
            assertNull(b.server.units().get("mine"), "the other server's registry");
            assertNull(Units.builtIn().get("mine"), "the shared built-ins");
            GraphBuilder onB = new GraphBuilder(b.server.units());
            assertThrows(DefException.class, () -> onB.unit("mine", onB.constant(1)));
            GraphBuilder onA = new GraphBuilder(a.server.units());
            a.server.addDef(onA.build("usesMine", onA.unit("out", onA.constant(0), onA.unit("mine", onA.constant(0.5)))));
            a.play("usesMine");
            a.blocks(2);
            assertEquals(0.25f, a.out.left()[10], 1e-6f);
        }
    }

    @Test
    void theSharedBuiltInsRefuseRegistration() {
        assertThrows(UnsupportedOperationException.class, () -> Units.builtIn().register(MINE));
    }

    @Test
    void buffersAndStreamsAreEachServersOwn() {
        try (Rig a = new Rig(); Rig b = new Rig()) {
            int slot = a.server.buffers().reserve("x.wav");
            assertEquals(slot, b.server.buffers().reserve("y.wav"), "each table starts at the same first slot");
            assertEquals(0, b.server.streams().openCount());
        }
    }
}
