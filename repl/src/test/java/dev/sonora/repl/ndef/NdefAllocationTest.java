package dev.sonora.repl.ndef;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.Main;
import dev.sonora.server.ChildJvm;

/**
 * A crossfade storm on the allocation proof's terms (see RenderAllocationTest): 100
 * redefinitions a second for 10 s of rendered time, each a new graph crossfaded over 30 ms,
 * plus xset and set storms on a second proxy that reads the first. The audio thread allocates
 * nothing (the same bound as RenderAllocationTest: below the JVM's one-off compilation burst).
 */
class NdefAllocationTest {
    private static final String STORM = String.join("\n",
            "tempo(120)",
            "let n = 0",
            "ndef('s').fadeTime = 0.03",
            "ndef('fx', ({mix = 0.3}) => in(ndef('s')).delay(0.1, 0.3).mul(mix))",
            "loop('storm', 0.02, () => {", // 0.02 beats at 120 bpm: 10 ms, 100 a second
            "  n++",
            "  ndef('s', () => sine(200 + (n % 97) * 7).mul(0.05).pan(((n % 5) - 2) / 2))",
            "  if (n % 10 === 0) ndef('fx').xset({mix: 0.2 + (n % 3) / 10})",
            "  else ndef('fx').set({mix: 0.3})",
            "  if (n % 250 === 0) console.log('redefinitions: ' + n)",
            "})",
            "");

    @Test
    void aCrossfadeStormAllocatesNothingOnTheAudioThread(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("storm.js"), STORM);
        Path wav = dir.resolve("storm.wav");
        String out = ChildJvm.run(ChildJvm.command(List.of("-Dpolyglot.engine.WarnInterpreterOnly=false"), Main.class,
                "--render", wav.toString(), "--duration", "11", script.toString()), 300);
        Matcher m = Pattern.compile("rt alloc (\\d+) B").matcher(out);
        assertTrue(m.find(), "summary line: " + out);
        assertTrue(Long.parseLong(m.group(1)) < 4096, "audio-thread allocation after warm-up: " + m.group(0));
        assertTrue(out.contains("redefinitions: 1000"), "1000 redefinitions at least: " + out);
    }
}
