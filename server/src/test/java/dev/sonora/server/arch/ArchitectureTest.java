package dev.sonora.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import dev.sonora.server.AudioThreadClasses;

/**
 * The engine's package rules, checked on its compiled classes: no package cycles, and the
 * packages whose code the audio thread runs reach none of the front end, GraalJS, JLine, file
 * or stream I/O, or logging. Each rule is also run on a small fixture that breaks it, so a rule
 * that matched nothing could not pass unnoticed.
 */
class ArchitectureTest {
    /** Packages whose classes run on the audio thread (see each package-info), and their sub-packages. */
    static final String[] AUDIO_THREAD_PACKAGES = AudioThreadClasses.PACKAGES.stream().map(p -> p + "..").toArray(String[]::new);

    static final String[] FORBIDDEN_ON_AUDIO_THREAD = {
        "dev.sonora.repl..", "org.graalvm..", "com.oracle.truffle..", "org.jline..",
        "java.io..", "java.nio.file..", "java.nio.channels..", "java.util.logging..", "java.lang.System$Logger",
        "org.slf4j..", "org.apache.logging..",
    };

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sonora.server");

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("dev.sonora.archfixture");

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    static ArchRule audioThreadStaysPure(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN_ON_AUDIO_THREAD)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger");
    }

    @Test
    void theEngineIsImported() {
        assertTrue(ENGINE.size() > 100, "imported " + ENGINE.size() + " classes");
        assertTrue(ENGINE.containPackage("dev.sonora.server.rt"));
    }

    @Test
    void noPackageCycles() {
        noCycles("dev.sonora").check(ENGINE);
    }

    @Test
    void audioThreadPackagesUseNoFrontEndNoIoNoLogging() {
        audioThreadStaysPure(AUDIO_THREAD_PACKAGES).check(ENGINE);
    }

    @Test
    void theRulesCatchWhatTheyForbid() {
        assertFalse(FIXTURE.isEmpty(), "the fixture classes are on the test class path");
        assertTrue(noCycles("dev.sonora.archfixture").evaluate(FIXTURE).hasViolation(), "a -> b -> a is a cycle");
        assertTrue(audioThreadStaysPure("dev.sonora.archfixture.rt..").evaluate(FIXTURE).hasViolation(),
                "an audio-thread class that writes a file is caught");
    }
}
