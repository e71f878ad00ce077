package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.Ugen;

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

    /** A command, unit, tap or hook kept beside its feature runs on the audio thread too: it must be prepared. */
    @Test
    void everyAudioThreadClassOutsideThosePackagesIsNamed() {
        JavaClasses engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sonora.server");
        Set<String> named = AudioThreadClasses.ELSEWHERE.stream().map(Class::getName).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (JavaClass c : engine) {
            String pkg = c.getPackageName();
            if (AudioThreadClasses.PACKAGES.contains(pkg) || pkg.equals("dev.sonora.server.driver")) continue; // listed by package; drivers prepare their own
            boolean runsOnRt = c.isAssignableTo(Command.class) || c.isAssignableTo(Ugen.class) || c.isAssignableTo(RtEngine.BlockTap.class)
                    || c.isAssignableTo(RtEngine.BlockHook.class) || c.isAssignableTo(RtEngine.BlockInput.class);
            if (runsOnRt && !named.contains(c.getName())) missing.add(c.getName());
        }
        assertTrue(missing.isEmpty(), "audio-thread classes outside the audio-thread packages, not in AudioThreadClasses.ELSEWHERE: " + missing);
        for (Class<?> c : AudioThreadClasses.ELSEWHERE) {
            assertFalse(AudioThreadClasses.PACKAGES.contains(c.getPackageName()), c + " is listed by its package already");
        }
    }
}
