package dev.sonora.repl.midi;

import dev.sonora.server.midi.FakeMidiDevice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sound.midi.ShortMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.sonora.repl.lang.HostFixture;
import dev.sonora.repl.lang.UserError;

/**
 * The JS API over devices that exist only in the test: midi.open, handlers woken live on the
 * Lang loop, channel filters, an unplugged device reported while the other keeps playing; and
 * every shared test file through midi.play (played to the end, or refused in one line).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MidiLiveTest {
    static HostFixture f;
    static MidiBridge bridge;
    static final FakeMidiDevice keys = new FakeMidiDevice("Keys", -1);
    static final FakeMidiDevice pads = new FakeMidiDevice("Pads", -1);
    static final List<javax.sound.midi.MidiDevice> plugged = new CopyOnWriteArrayList<>(List.of(keys, pads));

    @BeforeAll
    static void start() throws Exception {
        f = new HostFixture();
        bridge = f.host.extension("midi", MidiBridge.class);
        f.lang.submit(() -> {
            bridge.useDevices(() -> List.copyOf(plugged));
            return null;
        }).get();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static void await(BooleanSupplier condition, String what) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    static String evalQuiet(String code) {
        try {
            return f.eval(code);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void handlersHearOpenDevicesLiveWithChannelFiltersAndAnUnpluggedOneIsReported() throws Exception {
        assertEquals("[ 'Keys (a fake device)', 'Pads (a fake device)' ]", f.eval("midi.devices()"));
        assertEquals("[ 'Keys (a fake device)', 'Pads (a fake device)' ]", f.eval("midi.open('all')"));
        f.eval("const got = []; midi.on('noteon', (n, v, ch) => got.push(`on ${n} ${v} ${ch}`))");
        f.eval("midi.on('noteon', (n) => got.push(`ch2 ${n}`), {channel: 2})");
        f.eval("midi.cc(74, (v, ch) => got.push(`cc74 ${v} ${ch}`))");
        f.eval("midi.on('bend', (v, ch) => got.push(`bend ${v} ${ch}`))");
        f.eval("midi.on('any', (m) => { if (m.type === 'noteoff') got.push(`any ${m.type} ${m.note} ${m.channel}`) })");
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
        pads.play(new ShortMessage(ShortMessage.NOTE_ON, 1, 36, 90));
        keys.play(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 74, 33));
        keys.play(new ShortMessage(ShortMessage.PITCH_BEND, 0, 0, 64));
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 0)); // velocity 0: a note-off
        await(() -> evalQuiet("got.length").equals("6"), "6 calls, got " + evalQuiet("got"));
        // the two devices have their own buffers, taken round robin: compare without their interleaving
        assertEquals("'any noteoff 60 1|bend 8192 1|cc74 33 1|ch2 36|on 36 90 2|on 60 100 1'", f.eval("got.slice().sort().join('|')"));

        // unplugged: reported once, in one line; the other device keeps playing
        plugged.remove(pads);
        await(() -> f.err.stream().anyMatch(l -> l.contains("Pads")), "the unplug report");
        assertEquals(List.of("midi: input 'Pads (a fake device)' is gone (unplugged); the others keep playing"), List.copyOf(f.err));
        keys.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 62, 80));
        await(() -> evalQuiet("got.length").equals("7"), "the note after the unplug");
        assertEquals("'on 62 80 1'", f.eval("got[6]"));
        assertEquals("[ 'Keys (a fake device)' ]", f.eval("midi.opened()"));
        assertEquals("5", f.eval("midi.off()"), "handlers removed");
        f.eval("midi.close()");
        assertEquals("[]", f.eval("midi.opened()"));
        f.err.clear();
    }

    @Test
    @Order(2) // it switches MIDI files to virtual time
    void everyTestFilePlaysToTheEndOrIsRefusedInOneLineNamingIt() throws Exception {
        Path folder = MidiRun.testData();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".mid")).sorted().toList();
        }
        f.lang.submit(() -> {
            bridge.offline(); // pumped by hand below, as --render does
            return null;
        }).get();
        f.eval("let heard = 0; const counter = midi.on('any', () => { heard++ })");
        int played = 0;
        int refused = 0;
        for (Path p : files) {
            String name = p.getFileName().toString();
            f.eval("heard = 0");
            String info;
            try {
                info = f.eval("JSON.stringify(midi.play(" + MidiRun.js(p) + "))");
            } catch (UserError e) {
                assertTrue(e.getMessage().matches("<repl>:\\d+: midi\\.play: " + Pattern.quote(name) + ": [^\\n]+"), e.getMessage());
                refused++;
                continue;
            }
            int events = Integer.parseInt(info.replaceAll(".*\"events\":(\\d+).*", "$1"));
            // jump through the file a tenth of a second at a time: the handlers take everything
            f.lang.submit(() -> {
                for (long t = f.server.sampleTime(); bridge.playing(); t += 4800) bridge.beforeOfflineBlock(t);
                return null;
            }).get();
            assertEquals(String.valueOf(events), f.eval("heard"), name);
            played++;
        }
        f.eval("counter.off()");
        assertEquals(files.size(), played + refused);
        assertEquals(3, refused, "the corrupt and not-a-MIDI files");
        assertEquals(List.of(), List.copyOf(f.err));
    }


    @Test
    @Order(3)
    void replacingOrStoppingAFileReleasesItsHeldNotesThroughTheHandlers() throws Exception {
        Path scale = MidiRun.testFile("test-c-major-scale.mid");
        f.eval("const seen = []; const h1 = midi.on('noteon', (n) => seen.push('on ' + n)); "
                + "const h2 = midi.on('noteoff', (n, v) => seen.push('off ' + n))");
        f.eval("midi.play(" + MidiRun.js(scale) + ")");
        f.lang.submit(() -> {
            bridge.beforeOfflineBlock(f.server.sampleTime() + 4800); // 0.1 s in: C is held
            return null;
        }).get();
        assertEquals("'on 60'", f.eval("seen.join()"));
        // a corrupt file is refused and what plays goes on
        assertTrue(f.error("midi.play(" + MidiRun.js(MidiRun.testFile("test-corrupt-file-missing-byte.mid")) + ")")
                .contains("midi.play: test-corrupt-file-missing-byte.mid: "));
        assertEquals("true", f.eval("midi.status().playing"));
        f.eval("midi.play(" + MidiRun.js(scale) + ")");
        f.lang.submit(() -> {
            bridge.beforeOfflineBlock(f.server.sampleTime() + 64);
            return null;
        }).get();
        assertEquals("'on 60,off 60,on 60'", f.eval("seen.join()"), "the held C ended before the new file began");
        f.eval("midi.stop()");
        assertEquals("'on 60,off 60,on 60,off 60'", f.eval("seen.join()"));
        assertEquals("false", f.eval("midi.status().playing"));
        f.eval("h1.off(); h2.off()");
    }
}
