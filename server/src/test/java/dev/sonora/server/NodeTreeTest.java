package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.World;

/** Tree operations on the World directly (the test thread plays the audio thread). */
class NodeTreeTest {
    private final SpscArrayQueue<Object> returns = new SpscArrayQueue<>(256);
    private final World w = new World(48000, 64, 64, 4, 4, returns, new RtStats());

    private static List<Integer> ids(RtGroup g) {
        List<Integer> out = new ArrayList<>();
        for (RtNode n = g.head(); n != null; n = n.next()) out.add(n.id());
        // walk back too: the prev links must mirror the next links
        List<Integer> back = new ArrayList<>();
        for (RtNode n = g.tail(); n != null; n = n.prev()) back.add(0, n.id());
        assertEquals(out, back, "prev links disagree with next links");
        return out;
    }

    private RtGroup group(int id, int action, RtNode target) {
        RtGroup g = new RtGroup(id);
        assertTrue(w.link(g, action, target));
        return g;
    }

    @Test
    void addActionsPlaceNodes() {
        RtGroup d = w.defaultGroup;
        RtGroup a = group(10, AddAction.TAIL, d);
        RtGroup b = group(11, AddAction.HEAD, d);
        RtGroup c = group(12, AddAction.AFTER, b);
        group(13, AddAction.BEFORE, b);
        group(14, AddAction.TAIL, d);
        assertEquals(List.of(13, 11, 12, 10, 14), ids(d));
        assertSame(d, a.parent());
        assertSame(d, c.parent());
        assertEquals(List.of(1), ids(w.root));
    }

    @Test
    void moveReordersAndRefusesCycles() {
        RtGroup d = w.defaultGroup;
        RtGroup a = group(10, AddAction.TAIL, d);
        RtGroup b = group(11, AddAction.TAIL, d);
        RtGroup inner = group(12, AddAction.TAIL, a);
        assertTrue(w.move(b, AddAction.BEFORE, a));
        assertEquals(List.of(11, 10), ids(d));
        assertTrue(w.move(b, AddAction.HEAD, a));
        assertEquals(List.of(11, 12), ids(a));
        assertEquals(List.of(10), ids(d));
        assertFalse(w.move(a, AddAction.TAIL, inner), "a group must not move inside its own child");
        assertFalse(w.move(a, AddAction.TAIL, a), "nor inside itself");
        assertEquals(List.of(11, 12), ids(a));
    }

    @Test
    void replaceTakesThePlaceAndEndsTheTarget() {
        RtGroup d = w.defaultGroup;
        group(10, AddAction.TAIL, d);
        RtGroup b = group(11, AddAction.TAIL, d);
        group(12, AddAction.TAIL, d);
        group(13, AddAction.REPLACE, b);
        assertEquals(List.of(10, 13, 12), ids(d));
        assertNull(w.live(11, b, 0), "out of the tree at once");
        assertEquals(1, w.endSomeDying(World.MAX_ENDS_PER_BLOCK));
        assertNull(w.node(11));
        assertSame(b, returns.relaxedPoll());
    }

    @Test
    void endingAGroupEndsEverythingBelowChildrenFirst() {
        RtGroup d = w.defaultGroup;
        RtGroup a = group(10, AddAction.TAIL, d);
        RtGroup a1 = group(11, AddAction.TAIL, a);
        group(12, AddAction.TAIL, a1);
        group(13, AddAction.TAIL, a);
        group(14, AddAction.TAIL, d);
        w.endNode(a);
        assertEquals(List.of(14), ids(d), "out of the tree (silent) at once");
        for (int id = 10; id <= 13; id++) assertNull(w.live(id, w.node(id), 0), "no command reaches a freed node " + id);
        assertEquals(4, w.endSomeDying(World.MAX_ENDS_PER_BLOCK));
        List<Integer> back = new ArrayList<>();
        Object o;
        while ((o = returns.relaxedPoll()) != null) back.add(((RtNode) o).id());
        assertEquals(List.of(12, 11, 13, 10), back, "post-order: every child before its group");
        assertEquals(List.of(14), ids(d));
        for (int id = 10; id <= 13; id++) assertNull(w.node(id));
    }

    @Test
    void aLargeFreeIsTakenApartABoundedNumberOfNodesPerBlock() {
        World w = new World(48000, 64, 2048, 4, 4, new SpscArrayQueue<>(2048), new RtStats());
        RtGroup g = new RtGroup(10);
        w.link(g, AddAction.TAIL, w.defaultGroup);
        for (int id = 11; id < 11 + 1000; id++) w.link(new RtGroup(id), AddAction.TAIL, g);
        w.endNode(g);
        assertEquals(List.of(), ids(w.defaultGroup));
        int blocks = 0;
        int ended;
        int total = 0;
        while ((ended = w.endSomeDying(World.MAX_ENDS_PER_BLOCK)) > 0) {
            assertTrue(ended <= World.MAX_ENDS_PER_BLOCK);
            total += ended;
            blocks++;
        }
        assertEquals(1001, total);
        assertEquals((1001 + World.MAX_ENDS_PER_BLOCK - 1) / World.MAX_ENDS_PER_BLOCK, blocks);
        for (int id = 10; id < 1011; id++) assertNull(w.node(id));
    }

    @Test
    void endingTheDefaultGroupKeepsIt() {
        group(10, AddAction.TAIL, w.defaultGroup);
        group(11, AddAction.AFTER, w.defaultGroup);
        w.endNode(w.root);
        w.endSomeDying(World.MAX_ENDS_PER_BLOCK);
        assertEquals(List.of(1), ids(w.root));
        assertEquals(List.of(), ids(w.defaultGroup));
        assertSame(w.defaultGroup, w.node(1));
    }

    @Test
    void aTakenSlotIsRefused() {
        group(10, AddAction.TAIL, w.defaultGroup);
        assertFalse(w.link(new RtGroup(10), AddAction.TAIL, w.defaultGroup));
    }
}
