package dev.sonora.server;

import org.junit.jupiter.api.Test;

/**
 * The first note of every unit, and the first of every command, allocate nothing on the audio
 * thread either: every class the audio thread touches is loaded and initialised on the
 * sender side first (loading a class on the audio thread would allocate, and stall it). The
 * first parallel group counts its worker threads with the audio thread: the probe gives the
 * server one worker and refuses a run where the worker took no child.
 * Needs a fresh JVM, so it runs in a child process.
 */
class FirstUseAllocationTest {
    /** Up to three fresh JVMs: see {@link ChildJvm#untilClean} for why one clean run is the proof. */
    @Test
    void nothingIsLoadedOrBuiltOnTheAudioThreadOnFirstUse() throws Exception {
        ChildJvm.untilClean(3, () -> ChildJvm.command(FirstUseProbe.class),
                out -> out.contains("first-use allocation on sonora-rt: 0 B\n") || out.contains("first-use allocation on sonora-rt: 0 B\r"),
                ChildJvm.firstLineStartingWith("first-use"), "three runs at 0 B");
    }
}
