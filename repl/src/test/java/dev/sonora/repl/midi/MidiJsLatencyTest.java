package dev.sonora.repl.midi;

import dev.sonora.repl.Features;
import dev.sonora.server.midi.BlockChangeWatch;
import dev.sonora.server.midi.FakeMidiDevice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.NullDriver;

/**
 * MIDI in -> first sample written through the whole front end, live on the clocked null driver:
 * a device's receiver call, the waker, the Lang loop, a JS handler ({@code midi.cc(2, v => n.set(...))}),
 * the next block; and the direct mapping ({@code midi.cc(1).to(bus)}) for comparison. Prints the
 * figures for docs/performance.md; asserts only that every change arrived (no wall-clock thresholds).
 */
class MidiJsLatencyTest {
    static final int TRIALS = 200;
    static final int BUFFER_FRAMES = 256;

    @Test
    void measureThroughTheJsApi() throws Exception {
        FakeMidiDevice knobs = new FakeMidiDevice("Knobs", -1);
        Server server = new Server(ServerOptions.defaults());
        BlockChangeWatch watch = new BlockChangeWatch();
        NullDriver driver = new NullDriver(server, watch, BUFFER_FRAMES);
        LangLoop lang = new LangLoop();
        List<String> errors = new CopyOnWriteArrayList<>();
        Output out = new Output() {
            @Override
            public void out(String text) {
            }

            @Override
            public void err(String text) {
                errors.add(text);
            }
        };
        JsHost host = lang.submit(() -> JsHost.create(server, lang, out, Features.all())).get();
        try {
            server.startNrtThread();
            driver.start();
            lang.submit(() -> {
                host.extension("midi", MidiBridge.class).useDevices(() -> List.of(knobs));
                return null;
            }).get();
            lang.submit(() -> host.evalCode(String.join("\n",
                    "const k = bus.control()",
                    "def('level', ({amp = 0}) => In(k).add(amp))",
                    "const n = synth('level')",
                    "midi.open('Knobs')",
                    "midi.cc(1).to(k, 0, 0.5)",
                    "midi.cc(2, (v) => n.set({amp: v / 127 * 0.25}))"), "setup.js")).get();
            long[] direct = watch.measure(knobs, 1, 50, TRIALS); // 50 warm rounds: the JS handler gets compiled
            long[] viaJs = watch.measure(knobs, 2, 50, TRIALS);
            double buffer = 1e3 * BUFFER_FRAMES / server.sampleRate();
            System.out.printf("MIDI-in -> sample written through the JS API, %d trials, block %.2f ms, waker every %.2f ms%n",
                    TRIALS, 1e3 * server.blockSize() / server.sampleRate(), MidiWaker.PERIOD_NANOS / 1e6);
            System.out.println("  midi.cc(1).to(bus)       : " + BlockChangeWatch.summary(direct));
            System.out.println("  midi.cc(2, v => n.set()) : " + BlockChangeWatch.summary(viaJs));
            System.out.printf("  + output buffer %.2f ms to the ear%n", buffer);
            assertEquals(List.of(), errors);
        } finally {
            lang.submit(() -> {
                host.close();
                return null;
            }).get();
            driver.close();
            lang.close();
            server.close();
        }
    }
}
