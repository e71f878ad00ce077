package dev.sonora.repl.midi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sonora.repl.Cli;
import dev.sonora.server.Wav;

/** The command line in-process (exit code, stdout, stderr), and what MIDI tests read and write. */
record MidiRun(int code, String out, String err) {
    static MidiRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new MidiRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String all() {
        return out + "\n" + err;
    }

    /** The shared MIDI test files, found by walking up; the calling test is skipped where they are absent. */
    static Path testData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata").resolve("midi");
            if (Files.isDirectory(candidate)) return candidate;
        }
        assumeTrue(false, "shared/testdata/midi not found above " + Path.of("").toAbsolutePath() + ": skipped");
        return null;
    }

    static Path testFile(String name) {
        Path p = testData().resolve(name);
        assumeTrue(Files.isRegularFile(p), name + " not found: skipped");
        return p;
    }

    /** A JS string literal of a path. */
    static String js(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The left channel of a renderer's WAV (stereo 32-bit float). */
    static float[] left(Path wav) throws IOException {
        return Wav.read(wav).left();
    }
}
