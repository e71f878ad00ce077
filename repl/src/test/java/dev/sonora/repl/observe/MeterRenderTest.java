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

    private static List<String> readings(Path dir, Path script, String wav) {
        CliRun r = CliRun.of("", "--render", dir.resolve(wav).toString(), "--duration", "3", script.toString());
        assertEquals(0, r.code(), r.all());
        // the summary and the sample kit's load line carry wall times; everything else must repeat exactly
        return r.out().lines().filter(l -> !l.startsWith("rendered ") && !l.startsWith("samples: ")).toList();
    }
}
