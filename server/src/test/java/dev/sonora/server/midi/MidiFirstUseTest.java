package dev.sonora.server.midi;

import org.junit.jupiter.api.Test;

import dev.sonora.server.ChildJvm;

/**
 * The first MIDI the audio thread ever handles allocates nothing there either: no class is
 * first loaded and no call site first linked on sonora-rt. Needs a fresh JVM: a child process.
 */
class MidiFirstUseTest {
    /** Up to three fresh JVMs: see {@link ChildJvm#untilClean} for why one clean run is the proof. */
    @Test
    void theFirstMidiOnTheAudioThreadAllocatesNothing() throws Exception {
        ChildJvm.untilClean(3, () -> ChildJvm.command(MidiFirstUseProbe.class),
                out -> out.contains("first-use allocation on sonora-rt: 0 B,"),
                ChildJvm.firstLineStartingWith("first-use"), "three runs at 0 B");
    }
}
