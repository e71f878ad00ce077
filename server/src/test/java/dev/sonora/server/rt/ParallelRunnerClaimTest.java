package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

/**
 * Who claims which task of a parallel group's job: the audio thread from the bottom, worker k
 * task count - k first, so that a task's synths stay on one core block after block; every task
 * claimed exactly once, none past the job's count, none before a job is posted.
 */
class ParallelRunnerClaimTest {
    private final ParallelRunner runner = new ParallelRunner(null, 3); // claims touch no world

    @Test
    void nothingIsClaimedBeforeTheFirstJob() {
        assertEquals(-1, runner.claim(1));
        assertEquals(-1, runner.claim(0));
    }

    @Test
    void withTwoTasksEachThreadTakesItsOwnWhoeverComesFirst() {
        for (boolean workerFirst : new boolean[] {true, false}) {
            runner.post(2);
            int worker;
            int rt;
            if (workerFirst) {
                worker = runner.claim(1);
                rt = runner.claim(0);
            } else {
                rt = runner.claim(0);
                worker = runner.claim(1);
            }
            assertEquals(0, rt, "the audio thread's task");
            assertEquals(1, worker, "the worker's task");
            assertEquals(-1, runner.claim(0));
            assertEquals(-1, runner.claim(1));
        }
    }

    @Test
    void eachWorkerHasATaskOfItsOwn() {
        runner.post(4);
        assertEquals(2, runner.claim(2));
        assertEquals(3, runner.claim(1));
        assertEquals(1, runner.claim(3));
        assertEquals(0, runner.claim(0));
        assertEquals(-1, runner.claim(1));
    }

    @Test
    void aWorkerWhoseTaskIsTakenTakesTheHighestLeft() {
        runner.post(3);
        assertEquals(0, runner.claim(0));
        assertEquals(1, runner.claim(0));
        assertEquals(2, runner.claim(0)); // the audio thread got there first: the worker's own is gone
        assertEquals(-1, runner.claim(1));

        runner.post(5); // worker k prefers task 5 - k
        assertEquals(4, runner.claim(1));
        assertEquals(3, runner.claim(2));
        assertEquals(2, runner.claim(3));
        assertEquals(1, runner.claim(1)); // its own is done: the highest left
        assertEquals(0, runner.claim(0));
    }

    @Test
    void everyTaskIsClaimedOnceAndNoneBeyondTheCount() {
        for (int count = 1; count <= ParallelRunner.MAX_TASKS; count++) {
            runner.post(count);
            BitSet seen = new BitSet();
            int claims = 0;
            for (int turn = 0; ; turn++) {
                int t = turn % 4 == 0 ? runner.claim(0) : runner.claim(turn % 4);
                if (t < 0) {
                    // one thread finding none means none is left for anyone
                    assertEquals(-1, runner.claim(0));
                    assertEquals(-1, runner.claim(1));
                    break;
                }
                assertTrue(t < count, "task " + t + " of a job of " + count);
                assertTrue(!seen.get(t), "task " + t + " claimed twice in a job of " + count);
                seen.set(t);
                claims++;
            }
            assertEquals(count, claims, "claims in a job of " + count);
        }
    }
}
