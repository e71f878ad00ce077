package dev.sonora.server.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/** The sender thread: order by instant (ties in the order queued), cancelling by owner, a failing send reported and passed. */
class OutboundQueueTest {
    static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < end) Thread.sleep(2);
    }

    @Test
    void sendsInInstantOrderTiesAsQueuedAndNeverBeforeTheirInstant() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        List<Long> early = new CopyOnWriteArrayList<>();
        try (OutboundQueue q = new OutboundQueue("test-out", e -> sent.add("error " + e.getMessage()))) {
            long t0 = System.nanoTime() + 50_000_000L;
            Object a = new Object();
            q.at(t0 + 30_000_000L, a, () -> sent.add("c"));
            q.at(t0, a, () -> sent.add("a1"));
            q.at(t0, a, () -> sent.add("a2"));
            q.at(t0 + 10_000_000L, a, () -> { throw new IllegalStateException("device gone"); });
            long due = t0 + 20_000_000L;
            q.at(due, a, () -> {
                if (System.nanoTime() < due) early.add(due - System.nanoTime());
                sent.add("b");
            });
            await(() -> sent.size() == 5);
            assertEquals(List.of("a1", "a2", "error device gone", "b", "c"), sent);
            assertEquals(List.of(), early, "nothing leaves before its instant");
            assertEquals(4, q.sent());
        }
    }

    @Test
    void cancellingAnOwnerDropsOnlyItsEntriesFromTheGivenInstant() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        try (OutboundQueue q = new OutboundQueue("test-out", e -> { })) {
            long t0 = System.nanoTime() + 100_000_000L;
            Object notes = new Object();
            Object clock = new Object();
            q.at(t0, notes, () -> sent.add("note"));
            q.at(t0, clock, () -> sent.add("pulse 1"));
            q.at(t0 + 10_000_000L, clock, () -> sent.add("pulse 2"));
            assertEquals(1, q.cancelFrom(clock, t0 + 5_000_000L));
            assertEquals(1, q.cancel(notes));
            await(() -> sent.size() == 1);
            Thread.sleep(50);
            assertEquals(List.of("pulse 1"), sent);
            assertTrue(q.pending() == 0);
        }
    }
}
