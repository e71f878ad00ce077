package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

/**
 * The audio thread moves itself onto the CPU kept for it, allocating nothing; every other thread,
 * including one started afterwards, is moved off that CPU by the keeper; closing gives every
 * thread every CPU again. Read back from Linux ({@code /proc/self/task/TID/status}), not from
 * what the class believes.
 */
class CorePinningTest {
    @Test
    void theAudioThreadGetsItsCpuAloneAndEveryoneElseTheRest() throws Exception {
        String before = cpusOf("self");
        StringBuilder why = new StringBuilder();
        CorePinning p = CorePinning.reserveLastCpu(why);
        Assumptions.assumeTrue(p != null, "no pinning here: " + why);
        p.keepOthersOff();
        int cpu = p.audioCpu();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger audioTid = new AtomicInteger();
        AtomicLong allocated = new AtomicLong(-1);
        Thread audio = new Thread(() -> {
            p.audioThreadEnters(); // the first call links the native methods
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long a0 = mx.getCurrentThreadAllocatedBytes();
            p.audioThreadEnters();
            allocated.set(mx.getCurrentThreadAllocatedBytes() - a0);
            audioTid.set(p.audioTid());
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-audio");
        audio.start();
        Thread late = null;
        try {
            waitFor(() -> audioTid.get() > 0);
            assertEquals(String.valueOf(cpu), cpusOf(String.valueOf(audioTid.get())), "the audio thread's CPUs");
            assertEquals(0, allocated.get(), "bytes the audio thread allocated entering");
            // a thread made after the reservation is found by the keeper too
            CountDownLatch lateDone = new CountDownLatch(1);
            AtomicInteger lateTid = new AtomicInteger();
            late = new Thread(() -> {
                lateTid.set(tidOfThisThread());
                try {
                    lateDone.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-late");
            late.start();
            waitFor(() -> lateTid.get() > 0);
            String lateTidText = String.valueOf(lateTid.get());
            waitFor(() -> !cpusIncludes(lateTidText, cpu));
            assertTrue(!cpusIncludes(String.valueOf(tidOfThisThread()), cpu), "the test's own thread left the audio CPU");
            lateDone.countDown();
        } finally {
            p.close();
            done.countDown();
            audio.join();
            if (late != null) late.join();
        }
        assertEquals(before, cpusOf("thread-self"), "closing gives the CPUs back");
    }

    private static int tidOfThisThread() {
        try {
            return Integer.parseInt(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean cpusIncludes(String tid, int cpu) {
        for (String range : cpusOf(tid).split(",")) {
            String[] ends = range.split("-");
            int lo = Integer.parseInt(ends[0].trim()), hi = Integer.parseInt(ends[ends.length - 1].trim());
            if (cpu >= lo && cpu <= hi) return true;
        }
        return false;
    }

    /** Linux's Cpus_allowed_list of a task: "self", "thread-self" or a thread id of this process. */
    private static String cpusOf(String task) {
        Path status = task.equals("self") || task.equals("thread-self") ? Path.of("/proc", task, "status")
                : Path.of("/proc/self/task", task, "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + status, e);
        }
        throw new AssertionError("no Cpus_allowed_list in " + status);
    }

    private static void waitFor(BooleanSupplier condition) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting (the keeper sweeps every " + CorePinning.SWEEP_MILLIS + " ms)");
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
