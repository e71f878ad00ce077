package dev.sonora.repl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.CliRun;

/** The progress line: rewritten in place, erased at the end, absent when short or when output is not a terminal. */
class ProgressLineTest {
    @Test
    void theTextSaysRenderedTimeOfTotalSpeedAndTimeLeft() {
        assertEquals("rendered 12.5 s of 60 s (21%), 8.3× real time, 6 s left", ProgressLine.render(12.5, 60, 8.3));
        assertEquals("rendered 0.2 s of 60 s (0%)", ProgressLine.render(0.2, 60, 0));
        assertEquals("loading samples: 120 of 800 files", ProgressLine.samples(120, 800));
    }

    @Test
    void workShorterThanTheDelayPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ProgressLine(new PrintStream(bytes, true), () -> "never").close();
        assertEquals(0, bytes.size());
    }

    @Test
    void longWorkIsOneLineRewrittenInPlaceThenErased() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int[] n = {0};
        ProgressLine p = new ProgressLine(out, () -> "step " + ++n[0]);
        for (int i = 0; i < 200 && n[0] < 3; i++) Thread.sleep(50);
        p.close();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(n[0] >= 3, "redrawn: " + n[0]);
        assertFalse(s.contains("\n"), "never a new line: " + s);
        assertTrue(s.startsWith("\rstep 1\u001b[K\rstep 2\u001b[K"), s);
        assertTrue(s.endsWith("\r\u001b[K"), "erased at the end, so the summary prints as before: " + s);
    }

    @Test
    void aRenderIntoPipesPrintsNoProgress(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("long.js");
        Files.writeString(script, "play(() => sine(220).mul(0.1))\n");
        CliRun r = CliRun.of("", "--render", dir.resolve("o.wav").toString(), "--duration", "30", script.toString());
        assertEquals(0, r.code(), r.all());
        assertFalse(r.all().contains("\r") || r.all().contains(" of 30 s"), r.all());
        assertTrue(r.out().strip().lines().reduce((a, b) -> b).orElse("").startsWith("rendered 30 s in "), r.out());
    }
}
