package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the server prepares before any audio thread runs: every class of the audio-thread
 * packages (found on the class path, nested classes included), and nothing else.
 */
class AudioThreadClassesTest {
    @Test
    void everyClassOfTheAudioThreadPackagesIsListedAndNoOther() {
        List<String> names = AudioThreadClasses.names();
        for (String pkg : AudioThreadClasses.PACKAGES) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(pkg + ".") && n.indexOf('.', pkg.length() + 1) < 0),
                    "no class found in " + pkg + ": " + names);
        }
        for (String known : List.of("dev.sonora.server.rt.RtEngine", "dev.sonora.server.rt.RtWorker", "dev.sonora.server.ugen.XFade",
                "dev.sonora.server.midi.rt.CcMapper", "dev.sonora.server.osc.rt.QueryTree", "dev.sonora.server.observe.MeterTap",
                "dev.sonora.server.rt.StringLiterals")) {
            assertTrue(names.contains(known), known + " is not listed");
        }
        assertTrue(names.stream().anyMatch(n -> n.contains("$")), "nested classes are listed too");
        assertFalse(names.stream().anyMatch(n -> n.endsWith("package-info")), "package-info is not a class to prepare");
        assertFalse(names.contains("dev.sonora.server.driver.JackDriver"), "a driver lists its own classes");
        assertFalse(names.contains("dev.sonora.server.midi.MidiHub"), "the parent package of midi.rt is not an audio-thread package");
    }
}
