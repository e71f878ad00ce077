package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.ChildJvm;

/**
 * JS that eats the heap is stopped with one line, and the next line and the audio go on. A
 * child JVM with a small heap and the live collector (ZGC, as the launcher runs it), playing
 * on the clocked null driver with the REPL on piped input.
 */
class HeapWatchTest {
    @Test
    void codeThatFillsTheHeapIsStoppedAndTheMusicPlaysOn(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.txt");
        Process p = ChildJvm.command(List.of("-Xmx256m", "-XX:+UseZGC", "-Dpolyglot.engine.WarnInterpreterOnly=false"),
                Main.class, "--driver", "null", "--history", "")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(String.join("\n",
                    "play(() => sine(440).mul(0.1)); var t0 = status().seconds",
                    "(() => { const keep = []; while (true) keep.push(new Array(100000).fill(1.5)) })()",
                    "new Array(1e9).fill(0)",
                    "1 + 1",
                    "'plays: ' + (status().seconds > t0) + ' ' + status().synths",
                    "").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the REPL ended at the end of its input");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        long oom = out.lines().filter(l -> l.contains("<repl>:") && l.contains(": out of memory in your code: ")).count();
        assertEquals(2, oom, "one line for each, with its place: " + out);
        assertTrue(out.contains("<repl>:2: out of memory in your code"), out);
        assertFalse(out.lines().filter(l -> l.startsWith("sonora>")).anyMatch(l -> l.contains("java.") || l.contains("Error:")), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().endsWith("2")), "1 + 1 answered: " + out);
        assertTrue(out.contains("plays: true 1"), "the server still plays: " + out);
    }
}
