package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals say what and where in one line, name no Java class, never quote a non-script's
 * content, and leave the server playing (issue 11: "Nothing lost, nothing silent").
 */
class RefusalsTest {
    static HostFixture f;

    @BeforeAll
    static void up() throws Exception {
        f = new HostFixture();
        f.eval("tempo(120); def('a', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))");
    }

    @AfterAll
    static void down() throws Exception {
        f.close();
    }

    private static void assertLine(String regex, String actual) {
        assertTrue(actual.matches(regex), "expected /" + regex + "/ but got: " + actual);
        assertFalse(actual.contains("\n"), "one line: " + actual);
        assertFalse(actual.matches(".*(java|javax|dev\\.sonora)\\.[a-z].*"), "no Java class name: " + actual);
    }

    /** [String(e), e.message, e.name] of what code throws, as the REPL shows it. */
    private static String caught(String code) throws Exception {
        return f.eval("try { " + code + "; 'no error' } catch (e) { [String(e), e.message, e.name] }");
    }

    @Test
    void nonScriptsAreRefusedWithoutQuotingThem(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "*TOKEN-xyz* not javascript\n");
        String e = f.error("load('" + secret + "')");
        assertLine("<repl>:\\d+: load: '.*secret.txt' is not a script \\(Sonora loads .js and .mjs files\\)", e);
        assertFalse(e.contains("TOKEN"), e);
        assertLine("<repl>:\\d+: watch: '.*secret.txt' is not a script .*", f.error("watch('" + secret + "')"));
        // the CLI's files go through the same door
        java.util.concurrent.ExecutionException x = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> f.lang.submit(() -> { f.host.evalFile(secret); return null; }).get());
        assertTrue(x.getCause() instanceof UserError, x.toString());
        assertLine("load: '.*secret.txt' is not a script .*", x.getCause().getMessage());
    }

    @Test
    void unreadableScriptsSayWhy(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("binary.js");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});
        assertLine("<repl>:\\d+: load: cannot read '.*binary.js': not a text file \\(not UTF-8 text\\)", f.error("load('" + bin + "')"));
        Path sub = Files.createDirectory(dir.resolve("folder.js"));
        assertLine("<repl>:\\d+: load: '.*folder.js' is a directory, not a script", f.error("load('" + sub + "')"));
        assertLine("<repl>:\\d+: load: no file 'missing.js'.*", f.error("load('missing.js')"));
        Path locked = dir.resolve("locked.js");
        Files.writeString(locked, "1\n");
        locked.toFile().setReadable(false, false);
        if (!Files.isReadable(locked)) { // root reads anything
            assertLine("<repl>:\\d+: load: cannot read '.*locked.js': permission denied", f.error("load('" + locked + "')"));
        }
    }

    @Test
    void filesThatAreNotFilesSayWhatTheyAre(@TempDir Path dir) throws Exception {
        for (String api : List.of("buffer", "stream")) {
            assertLine("<repl>:\\d+: " + api + ": '" + dir + "' is a directory, not a sound file", f.error(api + "('" + dir + "')"));
        }
        assertLine("<repl>:\\d+: midi.play: '" + dir + "' is a directory, not a MIDI file", f.error("midi.play('" + dir + "')"));
        // an empty name: the example is a file of the kind asked for
        assertLine("<repl>:\\d+: buffer: which file\\? e\\.g\\. buffer\\('kick\\.wav'\\)", f.error("buffer('')"));
        assertLine("<repl>:\\d+: midi.play: which file\\? e\\.g\\. midi.play\\('song\\.mid'\\)", f.error("midi.play('')"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertLine("<repl>:\\d+: samples: '" + plain + "' is a file, not a folder", f.error("samples('" + plain + "')"));
        if (Files.exists(Path.of("/dev/null"))) {
            assertLine("<repl>:\\d+: buffer: '/dev/null' is a device, not a sound file", f.error("buffer('/dev/null')"));
            assertLine("<repl>:\\d+: samples: '/dev/null' is a device, not a folder", f.error("samples('/dev/null')"));
        }
        Path fifo = dir.resolve("pipe.wav");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo not available");
        // never opened (that would block): refused from its metadata
        assertLine("<repl>:\\d+: buffer: '.*pipe.wav' is a named pipe \\(FIFO\\), not a sound file", f.error("buffer('" + fifo + "')"));
        assertLine("<repl>:\\d+: midi.play: '.*pipe.wav' is a named pipe \\(FIFO\\), not a MIDI file", f.error("midi.play('" + fifo + "')"));
        assertLine("<repl>:\\d+: load: '.*pipe.wav' is a named pipe \\(FIFO\\), not a script", f.error("load('" + fifo + "')"));
        // a recording opens its file on the Lang thread: a pipe opened to write would stop it until someone reads
        String rec = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), // a stop condition
                () -> f.error("record('" + fifo + "')"));
        assertLine("<repl>:\\d+: record: '.*pipe.wav' is a named pipe \\(FIFO\\), not a WAV file", rec);
    }

    @Test
    void aRecordingNeverWritesOverAScriptOrAnythingButATake(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("set.js"), "play(() => sine(440).mul(0.1))\n");
        assertLine("<repl>:\\d+: record: '.*set.js' exists and is not a WAV; refusing to overwrite it \\(another name, or record\\('.*set.js', \\{force: true\\}\\)\\)",
                f.error("record('" + script + "')"));
        assertEquals("play(() => sine(440).mul(0.1))\n", Files.readString(script), "the script is kept");
        assertLine("<repl>:\\d+: record: force is true or false, got string 'yes'", f.error("record('" + script + "', {force: 'yes'})"));
        // an earlier take (a WAV) and an empty file are written over, and force writes over anything
        Path take = dir.resolve("take.wav");
        f.eval("record('" + take + "')");
        f.advance(4);
        f.eval("stopRecording()");
        f.eval("record('" + take + "')");
        f.eval("stopRecording()");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "mine\n");
        f.eval("record('" + notes + "', {force: true})");
        f.eval("stopRecording()");
        assertEquals("RIFF", new String(Files.readAllBytes(notes), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertLine("<repl>:\\d+: record: no option 'bitz' \\(options: bits, force\\)", f.error("record('" + take + "', {bitz: 16})"));
        // a file a stream plays: written over, the stream ended without a word
        Path playing = dir.resolve("loop.wav");
        Files.copy(Path.of("../samples/bd/00_bd.wav"), playing); // the repository's own kick
        f.eval("const looping = stream('" + playing + "', {loop: true})");
        assertLine("<repl>:\\d+: record: '.*loop.wav' is playing as a stream; record to another file", f.error("record('" + playing + "')"));
        f.eval("looping.free()");
        f.advance(4);
        f.eval("record('" + playing + "'); stopRecording()"); // once it has ended, a take like any
        // WAV data under another name: refused unless forced
        assertLine("<repl>:\\d+: record: '.*take.mp3': a take is a WAV file; name it something.wav \\(or record\\('.*take.mp3', \\{force: true\\}\\)\\)",
                f.error("record('" + dir.resolve("take.mp3") + "')"));
    }

    @Test
    void misreadNamesAreSaidAsWhatTheyAre() throws Exception {
        // "no bank 'bd:x'" although bank bd exists; samples('') asked "which file?"; degradeBy(2) dropped all
        assertLine("<repl>:\\d+: sample: 'bd:x': after ':' comes the file's number in the bank, like 'bd:1'", f.error("sample('bd:x')"));
        assertLine("<repl>:\\d+: sample: 'bd:-1': after ':' comes the file's number in the bank, like 'bd:1'", f.error("sample('bd:-1')"));
        assertLine("<repl>:\\d+: samples: which folder\\? e.g. samples\\('my-kit'\\)", f.error("samples('')"));
        assertLine("<repl>:\\d+: degradeBy: a probability from 0 to 1, like .degradeBy\\(0.3\\); got 2", f.error("s('hh*8').degradeBy(2)"));
        assertLine("<repl>:\\d+: degradeBy: a probability from 0 to 1, like .degradeBy\\(0.3\\); got -1", f.error("s('hh*8').degradeBy(-1)"));
    }

    @Test
    void aFileThatLoadsItselfIsRefusedAndTheSessionGoesOn(@TempDir Path dir) throws Exception {
        // it once recursed until the stack overflowed inside the JDK, and the next report killed the process
        Path self = Files.writeString(dir.resolve("self.js"), "var selfRuns = (globalThis.selfRuns || 0) + 1\nload('self.js')\n");
        assertLine(".*self.js:2: load: '.*self.js' is already being loaded \\(it loads itself\\); a load that never ends is refused",
                f.error("load('" + self + "')"));
        Files.writeString(dir.resolve("a.js"), "load('b.js')\n");
        Files.writeString(dir.resolve("b.js"), "load('a.js')\n");
        assertLine(".*b.js:1: load: '.*a.js' is already being loaded \\(by a file it loads\\); a load that never ends is refused",
                f.error("load('" + dir.resolve("a.js") + "')"));
        // the same file loaded again after it finished is no cycle
        Files.writeString(dir.resolve("once.js"), "globalThis.onceRuns = (globalThis.onceRuns || 0) + 1\n");
        f.eval("load('" + dir.resolve("once.js") + "'); load('" + dir.resolve("once.js") + "')");
        assertEquals("2", f.eval("onceRuns"));
        assertEquals("1", f.eval("selfRuns"));
        // not a path: said in the script's words, not the engine's (a Java type once showed)
        assertLine("<repl>:\\d+: load: expected a script's path, like load\\('drums.js'\\), got 5", f.error("load(5)"));
        assertLine("<repl>:\\d+: watch: expected a script's path, like watch\\('drums.js'\\), got undefined", f.error("watch()"));
    }

    @Test
    void aFileRunAgainGetsItsBusesBackSoSavingItOftenTakesNoMore(@TempDir Path dir) throws Exception {
        // each run once took two more audio buses: the 56th save of a watched file ran out of them
        Path fx = Files.writeString(dir.resolve("fx.js"),
                "const fx = bus.audio(2); const k = bus.control(); globalThis.seen = (globalThis.seen || []); seen.push(fx.index + '/' + k.index)\n");
        for (int i = 0; i < 80; i++) f.eval("load('" + fx + "')");
        assertEquals("1", f.eval("new Set(seen).size"), f.eval("seen.slice(0, 3).join(' ')"));
        assertEquals("80", f.eval("seen.length"));
        // at the prompt, each call is a new bus, as before
        assertEquals("true", f.eval("bus.audio(2).index !== bus.audio(2).index"));
    }

    @Test
    void anImportOfAFileIsRefusedInSonorasWords(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.js"), "export default 1\n");
        Path mod = Files.writeString(dir.resolve("set.mjs"), "import x from './a.js'\nconsole.log(x)\n");
        String e = f.error("load('" + mod + "')");
        // the engine resolves imports before the module runs: the place is the load() that ran it
        assertLine("<repl>:\\d+: import 'a.js': scripts cannot import files; run it with load\\('a.js'\\) instead", e);
    }

    @Test
    void aSampleAtRateZeroIsRefusedForItWouldNeverEnd() throws Exception {
        assertLine("<repl>:\\d+: sample: rate 0 never reaches the end; 1 is as recorded, 0.5 an octave down, -1 backwards",
                f.error("sample('bd', {rate: 0})"));
        // nearly 0 held the first sample's level on the output for ever
        assertLine("<repl>:\\d+: sample: rate 1e-9 is too slow to reach the end: at least 0.01 either way", f.error("sample('bd', {rate: 1e-9})"));
        // a stream plays forward only: at 0 or below its node stayed, silent, for ever; other options went unread
        assertLine("<repl>:\\d+: stream: rate is how fast it plays forward, 0.01 or more \\(1 as recorded\\), got -1", f.error("stream('x.wav', {rate: -1})"));
        assertLine("<repl>:\\d+: stream: rate is how fast it plays forward, 0.01 or more \\(1 as recorded\\), got 0", f.error("stream('x.wav', {rate: 0})"));
        assertLine("<repl>:\\d+: stream: options are an object like \\{rate: 1, amp: 0.8, loop: true\\}, got 5", f.error("stream('x.wav', 5)"));
        assertLine("<repl>:\\d+: stream: loop is true or false, got string 'yes'", f.error("stream('x.wav', {loop: 'yes'})"));
    }

    @Test
    void hostRefusalsReachScriptsAsPlainErrors(@TempDir Path dir) throws Exception {
        f.eval("var q = synth('a')");
        // the command queue: sets pile up while the audio thread renders nothing (offline, no advance)
        String full = caught("for (let i = 0; i < 100000; i++) q.set({freq: 440 + i % 7})");
        assertTrue(full.startsWith("[ 'Error: command queue full: "), full);
        assertTrue(full.contains("', 'command queue full: "), full);
        assertTrue(full.endsWith("', 'Error' ]"), full);
        assertFalse(full.contains("java"), full);
        f.advance(400);
        Path notWav = Files.writeString(dir.resolve("notes.wav"), "not a wav file at all");
        String wav = caught("buffer('" + notWav + "')");
        assertTrue(wav.startsWith("[ 'Error: ") && !wav.contains("java"), wav);
        Path corrupt = Path.of("..", "..", "shared", "testdata", "midi", "test-corrupt-file-missing-byte.mid").toAbsolutePath().normalize();
        if (!Files.exists(corrupt)) {
            corrupt = dir.resolve("corrupt.mid");
            Files.write(corrupt, new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0});
        }
        String midi = caught("midi.play('" + corrupt + "')");
        assertTrue(midi.startsWith("[ 'Error: midi.play: ") && !midi.contains("java"), midi);
        assertEquals("true", f.eval("q.playing"), "the server plays on");
        f.eval("q.free()");
    }

    @Test
    void aNewMidiFileReplacesTheOneThatPlaysAndSaysSo() throws Exception {
        Path dir = Path.of("..", "..", "shared", "testdata", "midi").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "no shared test data");
        f.out.clear();
        f.eval("midi.play('" + dir.resolve("test-c-major-scale.mid") + "')");
        f.eval("midi.play('" + dir.resolve("test-multichannel-chords-0.mid") + "')");
        f.eval("midi.stop()");
        assertTrue(f.out.contains("midi.play: 'test-multichannel-chords-0.mid' replaces 'test-c-major-scale.mid'"), f.out.toString());
    }

    @Test
    void hugeControlValuesAreReportedAsGiven() throws Exception {
        assertLine("<repl>:\\d+: synth 'a': amp: 1e\\+300 is out of range \\(controls are 32-bit floats, within ±3.4e\\+38\\)",
                f.error("synth('a', {amp: 1e300})"));
        f.eval("var big = synth('a')");
        assertLine("<repl>:\\d+: set Node\\(\\d+ 'a'\\): amp: -1e\\+300 is out of range .*", f.error("big.set({amp: -1e300})"));
        assertLine("<repl>:\\d+: def 'h': control 'amp' default: 1e\\+39 is out of range .*", f.error("def('h', ({amp = 1e39}) => sine(1).mul(amp))"));
        assertLine("<repl>:\\d+: sine: freq: 1e\\+300 is out of range .*", f.error("def('h2', () => sine(1e300))"));
        f.eval("big.free()");
    }

    @Test
    void aLoopsFirstBeatIsZeroNotMinusZero() throws Exception {
        try (HostFixture fresh = new HostFixture()) { // the first loop of a session starts at beat 0
            fresh.eval("tempo(120); loop('zero', 1, (b) => console.log('beat', b))");
            fresh.advance(48000 / 64);
            assertEquals("beat 0", fresh.out.isEmpty() ? "(the loop did not run)" : fresh.out.get(0));
        }
    }
}
