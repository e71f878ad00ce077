package dev.sonora.server.driver;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls the drivers make once, off the block loop, and whose errno they report: bound
 * through JNA's interface mapping, where {@link LastErrorException} carries errno. (The audio
 * thread's own calls in its block loop go through {@link CorePinning}'s direct-mapped binding,
 * which allocates nothing.) Any thread.
 */
interface LinuxCalls extends Library {
    LinuxCalls INSTANCE = Native.load("c", LinuxCalls.class);

    /** {@code struct sched_param} is one int: an int[1] carries it. */
    int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

    int sched_getscheduler(int pid) throws LastErrorException;

    int mlockall(int flags) throws LastErrorException;

    int munlockall() throws LastErrorException;
}
