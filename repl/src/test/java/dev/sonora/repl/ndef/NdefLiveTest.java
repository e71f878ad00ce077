package dev.sonora.repl.ndef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sound.midi.ShortMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.repl.lang.HostFixture;
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.server.midi.FakeMidiDevice;

/**
 * Proxies where a performer changes them: a watched file saved again crossfades only the proxies
 * whose graph changed, a MIDI handler and a loop body redefine a proxy like the prompt does.
 * Counted in synths: a proxy is its source and its monitor; a crossfade adds the new source
 * until the old one's fade ends.
 */
class NdefLiveTest {
    private final HostFixture f = new HostFixture();

    NdefLiveTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private void waitFor(BooleanSupplier c, String what) throws Exception {
        for (int i = 0; i < 200 && !c.getAsBoolean(); i++) Thread.sleep(50);
        assertTrue(c.getAsBoolean(), what + "; printed: " + f.out + f.err);
    }

    private int synths() throws Exception {
        return Integer.parseInt(f.eval("status().synths").trim());
    }

    @Test
    void savingAWatchedFileAgainCrossfadesOnlyTheProxiesThatChanged(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("set.js");
        Files.writeString(set, "ndef('pad', () => saw(110).mul(0.1))\nndef('bass', () => sine(55).mul(0.2))\n");
        f.eval("watch('" + set + "')");
        f.advance(100);
        assertEquals(4, synths(), "two proxies, each a source and a monitor");
        Files.writeString(set, "ndef('pad', () => saw(110).mul(0.1))\nndef('bass', () => sine(82.5).mul(0.2))\n");
        waitFor(() -> f.out.stream().anyMatch(s -> s.startsWith("reloaded ")), "reloaded after a save");
        f.advance(20); // into the fade (0.5 s = 375 blocks)
        assertEquals(5, synths(), "only 'bass' crossfades: one new source beside the old");
        f.advance(500);
        assertEquals(4, synths(), "the old bass ended with its fade");
        assertEquals(List.of(), List.copyOf(f.err));
    }

    @Test
    void aMidiHandlerAndALoopRedefineProxies() throws Exception {
        FakeMidiDevice keys = new FakeMidiDevice("Keys", -1);
        MidiBridge bridge = f.host.extension("midi", MidiBridge.class);
        f.lang.submit(() -> {
            bridge.useDevices(() -> List.of(keys));
            return null;
        }).get();
        f.eval("midi.open('Keys'); midi.on('noteon', (n) => ndef('lead', () => sine(midicps(n)).mul(0.1)))");
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
        waitFor(() -> eval("ndefs().length").equals("1"), "the handler made the proxy");
        f.advance(10);
        assertEquals(2, synths());
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 67, 100));
        waitFor(() -> {
            advance(1); // the handler's commands are performed as blocks render
            return synthsQuiet() == 3;
        }, "the second note crossfades the proxy");

        f.eval("let k = 0; loop('morph', 1, () => { k++; ndef('drift', () => saw(100 + k).mul(0.05)) })");
        f.advance(400); // 0.53 s: beat 0 and beat 1 have run
        assertTrue(Integer.parseInt(eval("k")) >= 2, "the loop ran twice: " + eval("k"));
        assertEquals("[ 'lead', 'drift' ]", eval("ndefs().map((d) => d.name)"));
        assertEquals(List.of(), List.copyOf(f.err));
    }

    private String eval(String code) {
        try {
            return f.eval(code).trim();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void advance(int blocks) {
        try {
            f.advance(blocks);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int synthsQuiet() {
        return Integer.parseInt(eval("status().synths"));
    }
}
