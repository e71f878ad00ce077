package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.NullDriver;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * MIDI in -> first sample of sound, measured live on the clocked null driver: from the
 * receiver call (the device thread handing us a message) to the audio thread writing the
 * first block that carries the change. Two paths: the direct mapping (cc -> control bus on
 * the audio thread) and a Lang handler (poll, then {@code set} at the next block). The figures
 * are printed for docs/performance.md; the test asserts only that every change arrived (no
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

            long[] direct = watch.measure(knobs, 1, 20, TRIALS);

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
            long[] viaLang = watch.measure(knobs, 2, 20, TRIALS);
            lang.interrupt();

            double block = 1e3 * server.blockSize() / server.sampleRate();
            double buffer = 1e3 * BUFFER_FRAMES / server.sampleRate();
            System.out.printf("MIDI-in -> sample written, %d trials, block %.2f ms, output buffer %d frames (%.2f ms)%n",
                    TRIALS, block, BUFFER_FRAMES, buffer);
            System.out.println("  direct cc->bus : " + BlockChangeWatch.summary(direct));
            System.out.println("  Lang handler   : " + BlockChangeWatch.summary(viaLang));
            System.out.printf("  + output buffer %.2f ms to the ear%n", buffer);
            assertEquals(TRIALS, direct.length);
            assertEquals(TRIALS, viaLang.length);
            assertTrue(server.stats().publishedRtErrors == 0);
        } finally {
            driver.close();
            server.close();
        }
    }
}
