package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import javax.sound.midi.ShortMessage;

import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.nrt.NodeRef;
import dev.sonora.server.nrt.Server;
import dev.sonora.server.nrt.ServerOptions;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * MIDI in -> first sample of sound, measured live on the clocked null driver: from the
 * receiver call (the device thread handing us a message) to the audio thread writing the
 * first block that carries the change. Two paths: the direct mapping (cc -> control bus on
 * the audio thread) and a Lang handler (poll, then {@code set} at the next block). The figures
 * are printed for the README; the test asserts only that every change arrived (no
 * wall-clock thresholds in unit tests). Add the output buffer for what reaches the ear.
 */
class MidiLatencyTest {
    static final int TRIALS = 200;
    static final int BUFFER_FRAMES = 256;

    @Test
    void measureMidiInToFirstSample() throws Exception {
        FakeMidiDevice knobs = new FakeMidiDevice("Knobs", -1);
        Server server = new Server(ServerOptions.defaults());
        BlockChangeWatch watch = new BlockChangeWatch();
        NullDriver driver = new NullDriver(server, watch, BUFFER_FRAMES);
        try (MidiHub hub = new MidiHub(server, () -> List.of(knobs))) {
            server.startNrtThread();
            driver.start();
            GraphBuilder b = new GraphBuilder();
            server.addDef(b.build("level", b.unit("add", b.unit("ink", b.constant(7)), b.control("amp", 0))));
            NodeRef node = server.synth("level", null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
            hub.open("Knobs");
            hub.mapCc(1, -1, 7, 0f, 0.5f);

            long[] direct = measure(watch, knobs, 1, null);

            // the Lang path: a loop polling every 0.2 ms, its handler sets a control at the next block
            MidiDispatcher d = new MidiDispatcher((what, e) -> { });
            d.onCc(2, -1, m -> server.set(node, new String[] {"amp"}, new float[] {m.data2 / 127f * 0.25f}, Command.NOW));
            Thread lang = new Thread(() -> {
                MidiMessage scratch = new MidiMessage();
                while (!Thread.currentThread().isInterrupted()) {
                    if (d.pollFrom(hub, scratch, 64) == 0) LockSupport.parkNanos(200_000);
                }
            }, "lang-sim");
            lang.setDaemon(true);
            lang.start();
            long[] viaLang = measure(watch, knobs, 2, lang);
            lang.interrupt();

            double block = 1e3 * server.blockSize() / server.sampleRate();
            double buffer = 1e3 * BUFFER_FRAMES / server.sampleRate();
            System.out.printf("MIDI-in -> sample written, %d trials, block %.2f ms, output buffer %d frames (%.2f ms)%n",
                    TRIALS, block, BUFFER_FRAMES, buffer);
            System.out.println("  direct cc->bus : " + summary(direct));
            System.out.println("  Lang handler   : " + summary(viaLang));
            System.out.printf("  + output buffer %.2f ms to the ear%n", buffer);
            assertEquals(TRIALS, direct.length);
            assertEquals(TRIALS, viaLang.length);
            assertTrue(server.stats().publishedRtErrors == 0);
        } finally {
            driver.close();
            server.close();
        }
    }

    /** Toggles controller {@code cc} between 0 and 127, timing each change from the receiver call to the block written. */
    static long[] measure(BlockChangeWatch watch, FakeMidiDevice device, int cc, Thread lang) throws Exception {
        long[] nanos = new long[TRIALS];
        java.util.Random random = new java.util.Random(7);
        ShortMessage up = new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, cc, 127);
        ShortMessage down = new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, cc, 0);
        for (int i = -20; i < TRIALS; i++) { // 20 unmeasured rounds to warm up
            // land at a random point of the block cycle
            LockSupport.parkNanos(1_000_000 + random.nextInt(2_000_000));
            int before = watch.changes;
            long t0 = System.nanoTime();
            device.play((i & 1) == 0 ? up : down);
            long deadline = t0 + 2_000_000_000L;
            while (watch.changes == before) {
                if (System.nanoTime() > deadline) throw new AssertionError("change " + i + " never reached the output");
                Thread.onSpinWait();
            }
            if (i >= 0) nanos[i] = watch.changedAt - t0;
        }
        return nanos;
    }

    static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, min %.2f ms",
                s[s.length / 2] / 1e6, s[s.length * 9 / 10] / 1e6, s[s.length * 99 / 100] / 1e6, s[s.length - 1] / 1e6, s[0] / 1e6);
    }
}
