package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import dev.sonora.server.ChildJvm;

/**
 * The independent check of the RT rule: a flight recording of a whole {@code --render} under
 * load (hundreds of notes ending by their envelopes, set storms, group moves, effects, meters
 * on the output, a group and a bus, and a scope), in a
 * child JVM as a user would run it, shows no allocation on the thread {@code sonora-rt}, and
 * the summary line reports 0 bytes.
 */
class RenderAllocationTest {
    private static final String LOAD = String.join("\n",
            "def('ping', ({freq = 440, amp = 0.05, pos = 0}) => sine(freq).mul(perc(0.001, 0.03)).mul(amp).pan(pos))",
            "def('pad', ({freq = 110, cutoff = 800, gate = 1}) =>",
            "  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.05, 0.5, 0.05, gate)).mul(0.05).pan(0))",
            "def('fx', ({inBus = 20}) => in(inBus).delay(0.1, 0.4).reverb(0.3, 0.7, 0.5).limit(0.9))",
            "const bus20 = bus.audio(1)",
            "const voices = group()",
            "const fx = group({after: voices})",
            "synth('fx', {inBus: bus20}, fx)",
            "let count = 0",
            "const pads = []",
            "function note(k) {",
            "  if (++count % 500 === 0) console.log('notes: ' + count)",
            "  const n = synth('ping', {freq: 200 + (k * 37) % 1500, pos: ((k % 7) - 3) / 3}, voices)",
            "  n.onEnd(() => note(k + 3))",
            "  if (pads.length < 30) pads.push(synth('pad', {freq: 50 + k % 200}, voices))",
            "  for (const p of pads.slice(0, 8)) if (p.playing) p.set({cutoff: 300 + (k * 13) % 3000})",
            "  if (k % 5 === 0 && pads.length) { const p = pads.shift(); if (p.playing) p.release() }",
            "  if (k % 11 === 0 && pads.length && pads[0].playing) pads[0].moveAfter(fx)",
            "}",
            "note(0); note(1); note(2)",
            // observed as a performer would (issue 15): the output, a group, a bus, and a scope
            "let outs = 0, others = 0",
            "meter('out', (v) => { if (++outs === 300) console.log('out readings: 300, others: ' + (others > 300)) }, {rate: 20})",
            "meter(voices, (v) => others++, {rate: 10})",
            "meter(bus20, (v) => others++)",
            "scope(fx, {rate: 2})",
            "");

    @Test
    void aFlightRecordingOfARenderUnderLoadShowsNoAllocationOnTheAudioThread(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("load.js"), LOAD);
        Path wav = dir.resolve("load.wav");
        Path jfr = dir.resolve("render.jfr");
        String out = ChildJvm.run(ChildJvm.command(List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile",
                "-Dpolyglot.engine.WarnInterpreterOnly=false"), Main.class,
                "--render", wav.toString(), "--duration", "20", script.toString()), 180);
        // The summary's figure comes from the JVM's per-thread allocation counter, after the
        // warm-up: exactly 0. (It once showed a one-off burst of Strings, 64 B to ~2.7 KB, made when
        // the audio thread asked for a class's first C2 compile: HotSpot makes the class's string
        // literals then. AudioThreadClasses and the offline driver make them beforehand now:
        // docs/design-notes.md.)
        Matcher m = Pattern.compile("rt alloc (\\d+) B").matcher(out);
        assertTrue(m.find(), "summary line: " + out);
        assertEquals(0, Long.parseLong(m.group(1)), "audio-thread allocation after warm-up: " + m.group(0));
        assertTrue(out.contains("notes: 1500"), "under load (1500 notes at least): " + out);
        assertTrue(out.contains("out readings: 300, others: true") && out.contains("scope Group("), "meters and a scope ran: " + out);

        List<String> onRt = new ArrayList<>();
        int allocationEvents = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().startsWith("jdk.ObjectAllocation")) continue;
            allocationEvents++;
            if (e.getThread() != null && "sonora-rt".equals(e.getThread().getJavaName())) {
                onRt.add(e.getEventType().getName() + " " + e.getClass("objectClass").getName());
            }
        }
        assertTrue(allocationEvents > 0, "the recording saw allocation elsewhere (the JS side allocates plenty)");
        // the recording covers the whole run, the audio thread's first moments included: at most a
        // sample of first-use Strings and their byte arrays there; anything else fails
        assertTrue(onRt.size() <= 2 && onRt.stream().allMatch(e -> e.endsWith(" java.lang.String") || e.endsWith(" [B")),
                "allocation events on sonora-rt: " + onRt);
    }
}
