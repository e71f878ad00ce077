package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared MIDI test files ({@code shared/testdata/midi}) by walking up from the
 * working directory; tests that need them are skipped (not failed) where they are absent.
 */
final class MidiTestData {
    private MidiTestData() {
    }

    /** The folder, or null when it cannot be found. */
    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve("midi");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    /** The folder; skips the calling test when absent. */
    static Path require() {
        Path f = folder();
        assumeTrue(f != null, "shared/testdata/midi not found above " + Path.of("").toAbsolutePath() + ": skipped");
        return f;
    }

    static Path file(String name) {
        Path p = require().resolve(name);
        assumeTrue(Files.isRegularFile(p), name + " not found: skipped");
        return p;
    }

    /** Every .mid file, sorted by name. */
    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(require())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".mid")).sorted().toList();
        }
    }
}
