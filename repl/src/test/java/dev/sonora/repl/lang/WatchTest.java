package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch() reloads on save, reports errors with file:line and keeps the previous state. */
class WatchTest {
    private static void waitFor(BooleanSupplier c, String what, List<String> seen) throws InterruptedException {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) Thread.sleep(50);
        assertTrue(c.getAsBoolean(), what + "; printed: " + seen);
    }

    @Test
    void reloadsOnSaveAndKeepsStateOnError(@TempDir Path dir) throws Exception {
        try (HostFixture f = new HostFixture()) {
            Path set = dir.resolve("set.js");
            Files.writeString(set, "const level = 1\ndef('w', ({amp = 0.1}) => sine(220).mul(amp))\n");
            f.eval("watch('" + set + "')");
            assertTrue(f.out.stream().anyMatch(s -> s.startsWith("watching ") && s.contains("set.js")), f.out.toString());
            assertEquals("1", f.eval("level"));

            Files.writeString(set, "const level = 2\ndef('w', ({amp = 0.2}) => sine(220).mul(amp))\n");
            waitFor(() -> f.out.stream().anyMatch(s -> s.startsWith("reloaded ")), "reloaded after a save", f.out);
            assertEquals("2", f.eval("level"));

            Files.writeString(set, "const level = 3\n\ndef('w', ({amp = 0.3}) => sine(220).mul(amp)\n");
            waitFor(() -> !f.err.isEmpty(), "an error after a broken save", f.err);
            assertTrue(f.err.get(0).matches(".*set.js:\\d+: SyntaxError: .*\\(kept the previous version\\)"), f.err.get(0));
            assertEquals("2", f.eval("level"));
            assertEquals("Def('w', amp = 0.2)", f.eval("defs().find((d) => d.name === 'w')"));

            // one that fails as it runs has run the lines before the error, and says so rather than claim it kept anything
            f.err.clear();
            Files.writeString(set, "const level = 4\nnoSuchThing()\n");
            waitFor(() -> !f.err.isEmpty(), "an error as it runs", f.err);
            assertTrue(f.err.get(0).matches(".*set.js:2: ReferenceError: .*\\(the lines before it ran; the rest did not\\)"), f.err.get(0));
            assertEquals("4", f.eval("level"));

            // a file it loads does not parse: its own first line has run all the same
            f.err.clear();
            Files.writeString(dir.resolve("broken.js"), "const x = (\n");
            Files.writeString(set, "const level = 5\nload('broken.js')\n");
            waitFor(() -> !f.err.isEmpty(), "an error from the file it loads", f.err);
            assertTrue(f.err.get(0).matches(".*broken.js:\\d+: SyntaxError: .*\\(the lines before it ran; the rest did not\\)"), f.err.get(0));
            assertEquals("5", f.eval("level"));

            // a folder saved in its place could not be read at all: nothing of it ran
            f.err.clear();
            Files.delete(set);
            Files.createDirectory(set);
            waitFor(() -> f.err.stream().anyMatch(s -> s.contains("directory")), "an error for the folder", f.err);
            String folder = f.err.stream().filter(s -> s.contains("directory")).findFirst().orElseThrow();
            assertTrue(folder.endsWith("is a directory, not a script (kept the previous version)"), folder);
            assertEquals("true", f.eval("unwatch('" + set + "')"));
        }
    }
}
