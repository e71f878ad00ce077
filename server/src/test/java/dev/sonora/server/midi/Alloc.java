package dev.sonora.server.midi;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated, read without allocating (for self-measuring tests). */
final class Alloc {
    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Alloc() {
    }

    static long current() {
        return MX.getCurrentThreadAllocatedBytes();
    }
}
