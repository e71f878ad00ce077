package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.ChildJvm;

/**
 * The audio thread allocates nothing live, its late first compiles included: a stage-like set
 * (held voices, kit samples and short synths on loops, JS garbage every beat, the output metered
 * and recorded) runs live on the clocked null driver in a child JVM started as the launcher
 * starts one, with every JIT threshold at a tenth, so the compiles a set meets over minutes
 * (each of which makes HotSpot resolve its class's string literals on the thread that asked for
 * it) come within seconds. The status figure counts the audio thread's bytes after the warm-up.
 * A 64 B one-off once seen 5 minutes into a JACK soak is what this would catch sooner;
 * docs/performance.md ("Looked for again with the compiler brought forward") has the longer runs.
 */
class LiveFirstCompilesAllocationTest {
    private static final String SET = String.join("\n",
            "tempo(137)",
            "def('sub', ({freq = 110, cutoff = 640, pan = 0, amp = 0.002, gate = 1}) =>",
            "  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).mul(amp).pan(pan))",
            "for (let i = 0; i < 60; i++) synth('sub', {freq: 55 * Math.pow(2, (i % 48) / 12), pan: -1 + i / 30})",
            "def('blip', ({freq = 880, amp = 0.05}) => sine(freq).mul(perc(0.001, 0.06)).mul(amp).pan(0))",
            "const kit = ['bd', 'hh', 'sn', 'hh']",
            "let eighth = 0",
            "loop('kit', 0.5, () => sample(kit[eighth++ % 4], {amp: 0.5}))",
            "loop('blips', 0.25, () => synth('blip', {freq: choose([660, 880, 990, 1320])}).set({amp: 0.04}))",
            "loop('garbage', 1, () => { const junk = new Array(20000); for (let i = 0; i < junk.length; i++) junk[i] = {i} })",
            "let readings = 0",
            "meter('out', () => readings++, {rate: 10})",
            "loop('report', 4, () => console.log('rt-alloc ' + status().rtAllocBytes + ' readings ' + readings))",
            "");
    private static final Pattern REPORT = Pattern.compile("rt-alloc (\\d+) readings (\\d+)");

    @Test
    void aLiveSetAllocatesNothingOnTheAudioThreadWithTheJitsCompilesBroughtForward(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("set.js"), SET);
        Path home = Path.of("..").toAbsolutePath().normalize(); // the kit in samples/, as the launcher's sonora.home
        String out = ChildJvm.run(ChildJvm.command(List.of("-XX:+UseZGC", "-XX:CompileThresholdScaling=0.1",
                        "-Dsonora.home=" + home, "-Dpolyglot.engine.WarnInterpreterOnly=false"), Main.class,
                "--no-repl", "--driver", "null", "--duration", "20", "--step-timeout", "60",
                "--record", dir.resolve("take.wav").toString(), script.toString()), 240);
        Matcher m = REPORT.matcher(out);
        long last = -1, reports = 0, readings = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
            readings = Long.parseLong(m.group(2));
            reports++;
        }
        assertTrue(reports >= 5, "the set reported through its run: " + out);
        assertTrue(readings > 50, "the output meter ran: " + out);
        assertTrue(!out.contains("unknown sample") && !out.contains("no sample"), "the kit played: " + out);
        assertEquals(0, last, "bytes the audio thread allocated after the warm-up, first compiles included: " + out);
    }
}
