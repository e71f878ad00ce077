package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sound.midi.ShortMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.sonora.repl.lang.StepWatch;
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.server.midi.FakeMidiDevice;
import dev.sonora.server.osc.OscCodec;
import dev.sonora.server.osc.OscMessage;
import dev.sonora.server.driver.MemoryOut;

/**
 * Live, a MIDI or OSC handler or an onEnd callback that never returns is what no one typed and
 * so no one thinks to Ctrl-C: it is stopped by the step watch (as a loop body is), said in one
 * line with its file:line, and a handler is turned off, so the next message does not stop the
 * loops again. The other handlers and the loops play on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // stop condition: these hung the Lang loop before
class HandlerTimeoutTest {
    static LiveHost live;
    static StepWatch steps;
    static final FakeMidiDevice keys = new FakeMidiDevice("Keys", -1);

    @BeforeAll
    static void start() throws Exception {
        live = new LiveHost(new MemoryOut(48000), 256);
        steps = new StepWatch(1, () -> live.host.interrupt()); // --step-timeout 1
        live.onLang(() -> {
            live.host.extension("midi", MidiBridge.class).useDevices(() -> List.of(keys));
            live.lang.watchSteps(steps);
            return null;
        });
        eval("tempo(240); globalThis.beats = 0; loop('alive', 1, () => { beats++ })");
    }

    @AfterAll
    static void stop() throws Exception {
        steps.close();
        live.close();
    }

    static String eval(String code) throws Exception {
        return live.eval(code, "set.js");
    }

    static String evalQuiet(String code) {
        try {
            return eval(code);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int beats() {
        return Integer.parseInt(evalQuiet("beats"));
    }

    /** What the host said, without the loop's lines about being late (what a stuck Lang loop makes it, rightly). */
    static List<String> errors() {
        return live.errors.stream().filter(l -> !l.startsWith("loop 'alive' was ")).toList();
    }

    /** The loop keeps counting beats once the Lang loop is free again. */
    static void loopsPlayOn() throws Exception {
        int before = beats();
        Await.until(() -> beats() >= before + 2, "two more beats of the loop after the stuck call");
    }

    @Test
    void aMidiHandlerThatNeverReturnsIsStoppedAndTurnedOffAndTheOthersPlayOn() throws Exception {
        eval("midi.open('Keys'); globalThis.heard = []; globalThis.stuckCalls = 0");
        // one evaluation: a second one named set.js:1 would be the file run again, replacing the first's handler
        eval("midi.on('noteon', (n) => { stuckCalls++; if (n === 61) while (true) {} })\nmidi.on('noteon', (n) => heard.push(n))");
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
        Await.until(() -> evalQuiet("heard.length").equals("1"), "the first note handled");
        live.errors.clear();
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 61, 100)); // the stuck one
        Await.until(() -> !errors().isEmpty(), "the line for the stuck handler");
        assertEquals(List.of("set.js:1: ran longer than 1 s and was stopped (a longer limit: --step-timeout S)"
                + " (in a midi.on('noteon') handler, now turned off)"), errors());
        loopsPlayOn();
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 62, 100));
        Await.until(() -> evalQuiet("heard.join(' ')").equals("'60 61 62'"), "the other handler hears every note, is " + evalQuiet("heard"));
        assertEquals("2", eval("stuckCalls"), "the stuck handler was not called after it was turned off");
        assertEquals("1", eval("midi.status().handlerErrors"));
        eval("midi.off(); midi.close()");
    }

    @Test
    void anOscHandlerThatNeverReturnsIsStoppedAndTurnedOff() throws Exception {
        int port = Integer.parseInt(eval("osc.listen(0)"));
        eval("globalThis.oscHeard = 0; globalThis.oscStuck = 0");
        eval("osc.on('/x', () => { oscStuck++; while (true) {} })\nosc.on('/x', () => { oscHeard++ })");
        live.errors.clear();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] b = OscCodec.encode(OscMessage.of("/x", 1));
            peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            Await.until(() -> !errors().isEmpty(), "the line for the stuck handler");
            assertEquals(List.of("set.js:1: ran longer than 1 s and was stopped (a longer limit: --step-timeout S)"
                    + " (in an osc.on('/x') handler, now turned off)"), errors());
            loopsPlayOn();
            peer.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            Await.until(() -> evalQuiet("oscHeard").equals("2"), "the other handler hears both messages");
        }
        assertEquals("1", eval("oscStuck"), "the stuck handler was turned off");
        assertEquals("1", eval("osc.status().handlerErrors"));
        assertEquals("1", eval("osc.status().handlers"), "only the working handler is left");
        eval("osc.off(); osc.unlisten()");
    }

    @Test
    void aMeterFunctionThatNeverReturnsIsStoppedAndItsMeterTurnedOff() throws Exception {
        live.errors.clear();
        eval("globalThis.meterCalls = 0; meter('out', () => { if (++meterCalls === 3) while (true) {} }, {rate: 20})");
        Await.until(() -> !errors().isEmpty(), "the line for the stuck meter function");
        assertEquals(List.of("set.js:1: ran longer than 1 s and was stopped (a longer limit: --step-timeout S)"
                + " (in the function of meter(out), which is now off)"), errors());
        loopsPlayOn();
        assertEquals("3", eval("meterCalls"), "not called again");
    }

    @Test
    void anOnEndCallbackThatNeverReturnsIsStopped() throws Exception {
        eval("def('blip', () => sine(440).mul(perc(0.001, 0.02)))");
        live.errors.clear();
        eval("synth('blip').onEnd(() => { while (true) {} })");
        Await.until(() -> !errors().isEmpty(), "the line for the stuck callback");
        assertEquals(List.of("set.js:1: ran longer than 1 s and was stopped (a longer limit: --step-timeout S) (in an onEnd callback)"), errors());
        loopsPlayOn();
    }
}
