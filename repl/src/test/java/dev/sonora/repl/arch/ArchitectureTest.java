package dev.sonora.repl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The front end's package rules, on its compiled classes: no package cycles (the language layer
 * names no feature: the session lists the features it loads), and the engine never reaches
 * back into the front end. The rules themselves are shown to catch a cycle in the engine's
 * {@code ArchitectureTest}, which runs the same ArchUnit rule on a fixture.
 */
class ArchitectureTest {
    private static final JavaClasses FRONT_END = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sonora.repl", "dev.sonora.server");

    @Test
    void bothModulesAreImported() {
        assertTrue(FRONT_END.containPackage("dev.sonora.repl.lang"));
        assertTrue(FRONT_END.containPackage("dev.sonora.server.rt"));
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.sonora.(**)").should().beFreeOfCycles().check(FRONT_END);
    }

    @Test
    void theEngineNeverReachesTheFrontEnd() {
        noClasses().that().resideInAPackage("dev.sonora.server..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sonora.repl..", "org.graalvm..", "org.jline..")
                .check(FRONT_END);
    }
}
