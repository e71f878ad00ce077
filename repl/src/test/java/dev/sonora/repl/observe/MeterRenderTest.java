package dev.sonora.repl.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.CliRun;

/** Under --render meters run in virtual time: the same readings, at the same times, on every run. */
class MeterRenderTest {
    @Test
    void aRenderPrintsTheSameReadingsEveryTime(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("meters.js");
        Files.writeString(script, """
                def('half', ({amp = 0.5}) => sine(440).mul(amp))
                const n = synth('half')
                meter(n, (v) => console.log(`n ${v.seconds.toFixed(3)} ${v.peak[0].toFixed(4)} ${v.rms[0].toFixed(4)}`), {rate: 20})
                meter('out', (v) => console.log(`o ${v.seconds.toFixed(3)} ${v.peak[1].toFixed(4)}`), {rate: 7})
                at(1, () => n.set({amp: 0.25})) // beats: 0.5 s at 120 bpm
                at(2, () => n.free())
                """);
        List<String> first = readings(dir, script, "a.wav");
        List<String> second = readings(dir, script, "b.wav");
        assertEquals(first, second);
        assertTrue(first.stream().filter(l -> l.matches("n \\d+\\.\\d+ 0\\.5000 0\\.3536")).count() >= 8, first.toString());
        assertTrue(first.stream().anyMatch(l -> l.matches("n \\d+\\.\\d+ 0\\.2500 0\\.1768")), "the set is seen: " + first);
        assertEquals(1, first.stream().filter(l -> l.matches("meter\\(Node\\(\\d+ 'half'\\)\\) stopped: the node ended")).count(), first.toString());
        assertTrue(first.stream().filter(l -> l.startsWith("o ")).count() >= 20, "the output meter reads all along");
    }

    /**
     * A render's seconds count from the file's first frame, as a live session's count from the
     * device's start: the render's warm-up blocks (8 s of server time before the file) do not show.
     * The set at 0.5 s is first seen in the window that ends just after it.
     */
    @Test
    void aRendersSecondsLineUpWithItsFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("times.js");
        Files.writeString(script, """
                console.log(`status ${status().seconds}`)
                def('half', ({amp = 0.5}) => sine(440).mul(amp))
                const n = synth('half')
                let seen = false
                meter(n, (v) => {
                  if (!seen && v.peak[0] < 0.4) { seen = true; console.log(`quieter ${v.seconds.toFixed(3)}`) }
                }, {rate: 20})
                at(1, () => { n.set({amp: 0.25}); console.log(`status at the set ${status().seconds.toFixed(3)}`) })
                """);
        List<String> lines = readings(dir, script, "t.wav");
        assertTrue(lines.contains("status 0"), "before anything is rendered: 0 s, " + lines);
        assertTrue(lines.contains("quieter 0.550"), "the first window wholly after the set at 0.5 s ends at 0.55 s: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("status at the set 0\\.[45]\\d\\d")), "the set runs ahead of 0.5 s by the latency: " + lines);
    }

    private static List<String> readings(Path dir, Path script, String wav) {
        CliRun r = CliRun.of("", "--render", dir.resolve(wav).toString(), "--duration", "3", script.toString());
        assertEquals(0, r.code(), r.all());
        // the summary and the sample kit's load line carry wall times; everything else must repeat exactly
        return r.out().lines().filter(l -> !l.startsWith("rendered ") && !l.startsWith("samples: ")).toList();
    }
}
