package dev.sonora.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/testdata} (beside the repository) from wherever the tests run; skips when absent. */
public final class TestData {
    private TestData() {
    }

    public static Path dir(String sub) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve(sub);
            if (Files.isDirectory(candidate)) return candidate;
            Path sibling = p.resolveSibling("shared").resolve("testdata").resolve(sub);
            if (Files.isDirectory(sibling)) return sibling;
        }
        assumeTrue(false, "shared/testdata/" + sub + " is not here; skipping");
        return null;
    }
}
