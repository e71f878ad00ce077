package dev.sonora.repl.ndef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/** Every ndef mistake is one {@code file:line: reason} line, and the old graph plays on. */
class NdefErrorsTest {
    private final HostFixture f = new HostFixture();

    NdefErrorsTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static void oneLine(String report, String pattern) {
        assertTrue(!report.contains("\n") && report.matches(pattern), report);
    }

    @Test
    void aGraphThatFailsToBuildLeavesTheOldOnePlaying() throws Exception {
        f.eval("ndef('a', () => sine(440).mul(0.1))");
        f.advance(4);
        String before = f.eval("status().synths");
        oneLine(f.error("ndef('a', () => saw(110).nosuch(3))"), "<repl>:\\d+: .*nosuch.*");
        oneLine(f.error("ndef('a', () => sine('x'))"), "<repl>:\\d+: .*");
        oneLine(f.error("ndef('a', () => { throw new Error('mine') })"), "<repl>:\\d+: .*mine.*");
        oneLine(f.error("ndef('a', () => { sine(1).out(0) })"), "<repl>:\\d+: .*");
        f.advance(4);
        assertEquals(before, f.eval("status().synths"));
        assertEquals("true", f.eval("ndef('a').playing"));
    }

    @Test
    void aCycleOfProxiesIsRefusedInOneLine() throws Exception {
        f.eval("ndef('a', () => sine(440).mul(0.1))");
        f.eval("ndef('b', () => in(ndef('a')).mul(0.5))");
        oneLine(f.error("ndef('a', () => in(ndef('b')))"), "<repl>:\\d+: ndef 'a': a cycle of proxies is refused \\('a' reads 'b', which reads 'a'\\)");
        oneLine(f.error("ndef('c', () => in(ndef('c')))"), "<repl>:\\d+: ndef 'c': a cycle .*");
    }

    @Test
    void badArgumentsSayWhatIsExpected() throws Exception {
        oneLine(f.error("ndef(3)"), "<repl>:\\d+: ndef: the first argument is a name.*");
        oneLine(f.error("ndef('p').fadeTime = -1"), "<repl>:\\d+: ndef\\('p'\\)\\.fadeTime: seconds .*");
        oneLine(f.error("ndef('p').quant = 'x'"), "<repl>:\\d+: ndef\\('p'\\)\\.quant: beats.*");
        oneLine(f.error("ndef('p').set(5)"), "<repl>:\\d+: ndef\\('p'\\)\\.set: controls are an object.*");
    }

    @Test
    void ndefsListsNamesWithFadeTimeAndQuantAndHushFadesThenEnds() throws Exception {
        f.eval("ndef('a', () => sine(440).mul(0.1)); ndef('a').fadeTime = 1; ndef('a').quant = 0; ndef('b')");
        assertEquals("[ { name: 'a', playing: true, fadeTime: 1, quant: 0 }, { name: 'b', playing: false, fadeTime: 0.5, quant: 0 } ]",
                f.eval("ndefs()"));
        f.advance(2);
        f.eval("hush()");
        f.advance(2);
        assertEquals("2", f.eval("status().synths"), "still fading (source and monitor)");
        f.eval("hush()");
        f.advance(2);
        assertEquals("0", f.eval("status().synths"), "a second hush ends at once");
        assertEquals("[]", f.eval("ndefs()"));
    }

    @Test
    void aReaderIsKeptAfterWhatItReadsWhateverTheOrderOfDefinition() throws Exception {
        // the reader first: 'src' does not exist yet, then gets a graph; the reader must follow it
        f.eval("ndef('verb', () => in(ndef('src')).mul(1))");
        f.eval("ndef('src', () => 0.25)");
        f.advance(400); // past the fade-in
        float[] out = f.audio.left();
        // 0.25 from src's monitor and 0.25 from verb reading src in the same block: 0.5 (a reader
        // before its source would read the bus before it is written, and hear nothing)
        assertEquals(0.5f, out[f.audio.frames() - 1], 1e-3);
    }

    @Test
    void aTypoIsRefusedNotKeptOrMadeIntoASilentProxy() throws Exception {
        f.eval("ndef('drone', ({freq = 110}) => saw(freq).mul(0.1))");
        // kept as a new property while fadeTime stayed 0.5; .name = 'z' broke the handle
        assertTrue(f.error("ndef('drone').fadetime = 3").matches(
                "<repl>:\\d+: ndef\\('drone'\\).fadetime is not a property of a proxy; the settable ones are fadeTime and quant"));
        assertTrue(f.error("ndef('drone').name = 'z'").contains("ndef('drone').name cannot be changed"));
        f.eval("ndef('drone').fadeTime = 2");
        assertEquals("2", f.eval("ndef('drone').fadeTime"));
        // a pattern steering 'dron' made a new, silent proxy of that name
        f.err.clear();
        f.eval("pat('steer', note('57 69').ndef('dron'))");
        f.advance(3000);
        assertEquals("[ 'drone' ]", f.eval("ndefs().map((p) => p.name)"));
        assertTrue(f.err.stream().anyMatch(l -> l.matches("<repl>:\\d+: pat 'steer': no proxy 'dron' to steer \\(proxies: drone\\) \\(its other events play on\\)")),
                f.err.toString());
    }
}
