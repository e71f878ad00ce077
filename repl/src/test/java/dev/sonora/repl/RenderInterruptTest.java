package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.ChildJvm;
import dev.sonora.server.Wav;

/**
 * A long render stopped by SIGTERM (Ctrl-C alike) leaves a playable WAV of what it rendered,
 * and its header is valid while the render still runs. A child JVM, as a user runs it.
 */
class RenderInterruptTest {
    @Test
    void sigtermFinishesTheFileOfWhatWasRendered(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("long.wav");
        Path log = dir.resolve("log.txt");
        Process p = ChildJvm.command(List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), Main.class,
                "--render", wav.toString(), "--duration", "3600", "-e", "play(() => sine(440).mul(0.1))")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // mid-render: once the header counts some audio, it never counts more than the file holds
            long seen = 0;
            for (int i = 0; i < 1800 && seen == 0 && p.isAlive(); i++) {
                Thread.sleep(100);
                if (Files.exists(wav)) seen = Wav.dataBytesInHeader(wav);
            }
            assertTrue(seen > 0, "the header counted audio while rendering: " + Files.readString(log));
            long size = Files.size(wav);
            assertTrue(seen <= size - 44 && seen % 8 == 0, "header " + seen + " of a " + size + "-byte file");
        } finally {
            p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the render ended after SIGTERM");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*sonora: render interrupted at \\d+\\.\\d s; .*long\\.wav holds what was rendered.*"), out);
        long frames = StepTimeoutTest.validFrames(wav);
        assertTrue(frames >= 48000, "at least the second counted before: " + frames);
        Wav w = Wav.read(wav);
        assertTrue(w.peak() > 0.05 && w.finite(), "sound, no NaN: peak " + w.peak());
        assertEquals(frames, w.frames());
    }
}
