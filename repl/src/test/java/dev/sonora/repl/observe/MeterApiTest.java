package dev.sonora.repl.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/** meter() and scope() from JavaScript, on the offline driver: exact values, node ends, one-line errors. */
class MeterApiTest {
    private final HostFixture f = new HostFixture();

    MeterApiTest() throws Exception {
        f.eval("def('half', () => sine(440).mul(0.5))");
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private double num(String js) throws Exception {
        return Double.parseDouble(f.eval(js));
    }

    private static void oneLine(String report, String pattern) {
        assertTrue(!report.contains("\n") && report.matches(pattern), report);
    }

    @Test
    void aSineOfAmplitudeHalfReadsPeakHalfAndRms0_3536() throws Exception {
        f.eval("var got = []; var n = synth('half'); var m = meter(n, (v) => got.push(v), {rate: 20})");
        f.advance(375); // 0.5 s: ten windows of 2400 frames
        assertEquals(10, num("got.length"));
        for (int i = 1; i < 10; i++) {
            assertEquals(0.5, num("got[" + i + "].peak[0]"), 0.001);
            assertEquals(0.5, num("got[" + i + "].peak[1]"), 0.001);
            assertEquals(0.3536, num("got[" + i + "].rms[0]"), 0.0005);
            assertEquals(0.3536, num("got[" + i + "].rms[1]"), 0.0005);
        }
        assertEquals(0.1, num("got[1].seconds"), 1e-9, "each reading carries the end of its window");
        assertEquals("meter(Node(1000 'half'))", f.eval("m"));
    }

    @Test
    void theOutputAndABusCanBeMeteredAndOffStopsIt() throws Exception {
        f.eval("var b = bus.audio(2); play(() => out(b, sine(220).mul(0.25), sine(220).mul(0.125))); synth('half')");
        f.eval("var o = []; var mo = meter('out', (v) => o.push(v.peak[0]))");
        f.eval("var q = []; var mb = meter(b, (v) => q.push(v), {rate: 10})");
        f.advance(150);
        assertEquals(0.5, num("o[2]"), 0.001, "the output holds the sine, not the bus");
        assertEquals(0.25, num("q[0].peak[0]"), 0.001);
        assertEquals(0.125, num("q[0].peak[1]"), 0.001);
        f.eval("mo.off(); mo.off(); var k = o.length");
        f.advance(100);
        assertEquals(num("k"), num("o.length"), "off: nothing more");
        assertEquals("false", f.eval("mo.on"));
        assertEquals("meter(out, off)", f.eval("mo"));
    }

    @Test
    void aNodeThatEndsStopsItsMeterWithOneLine() throws Exception {
        f.eval("var g = []; var n = synth('half'); var m = meter(n, (v) => g.push(v))");
        f.advance(50);
        f.eval("n.free()");
        f.advance(50);
        List<String> lines = f.out.stream().filter(l -> l.contains("stopped")).toList();
        assertEquals(List.of("meter(Node(1000 'half')) stopped: the node ended"), lines);
        assertEquals("false", f.eval("m.on"));
        oneLine(f.error("meter(n, (v) => 0)"), "<repl>:\\d+: meter: Node\\(1000 'half'\\) has already ended");
    }

    @Test
    void badInputsAreOneLineEachAndTheMusicGoesOn() throws Exception {
        f.eval("synth('half')");
        f.advance(4);
        oneLine(f.error("meter('nope', (v) => 0)"), "<repl>:\\d+: meter: the target is a node, a group, an audio bus or 'out', got string 'nope'");
        oneLine(f.error("meter({}, (v) => 0)"), "<repl>:\\d+: meter: the target is .*");
        oneLine(f.error("meter('out', 5)"), "<repl>:\\d+: meter: the second argument is a function of \\{peak, rms\\}, got 5");
        oneLine(f.error("meter('out', (v) => 0, {rate: 0})"), "<repl>:\\d+: meter: rate is readings a second, more than 0 and at most 100.*got 0");
        // its window in samples overflowed an int: "window -554500096"
        oneLine(f.error("meter(defaultGroup(), (v) => 0, {bus: -1})"), "<repl>:\\d+: meter: bus -1: a node is measured on a stereo pair of audio buses, 0 to 126");
        oneLine(f.error("meter('out', (v) => 0, {rate: 1e-9})"), "<repl>:\\d+: meter: rate 1.0E-9 is slower than one reading every 100 s \\(the least rate is 0.01\\)");
        oneLine(f.error("scope('out', {rate: 1e-9})"), "<repl>:\\d+: scope: rate 1.0E-9 is slower .*");
        oneLine(f.error("meter('out', (v) => 0, {rate: -3})"), "<repl>:\\d+: meter: rate .*got -3");
        oneLine(f.error("meter('out', (v) => 0, {rate: 1e9})"), "<repl>:\\d+: meter: rate .*got 1000000000");
        oneLine(f.error("meter('out', (v) => 0, {rate: NaN})"), "<repl>:\\d+: meter: rate is readings a second, like \\{rate: 20\\}; got NaN");
        oneLine(f.error("meter('out', (v) => 0, {rate: 'x'})"), "<repl>:\\d+: meter: rate .*got string 'x'");
        oneLine(f.error("meter('out', (v) => 0, {speed: 2})"), "<repl>:\\d+: meter: no option 'speed' \\(options: rate, bus\\)");
        oneLine(f.error("meter(500, (v) => 0)"), "<repl>:\\d+: meter: no audio bus 500 \\(0 to 127\\)");
        oneLine(f.error("meter(bus.control(), (v) => 0)"), "<repl>:\\d+: meter: Bus\\(control 0\\) is a control bus.*");
        oneLine(f.error("scope('out', {rate: 11})"), "<repl>:\\d+: scope: rate .*at most 10.*got 11");
        oneLine(f.error("scope(null)"), "<repl>:\\d+: scope: the target is .*");
        assertEquals("0", f.eval("status().late"));
        assertEquals("1", f.eval("status().synths"), "the music plays on");
    }

    @Test
    void oneMeterTooManyIsOneLineAndTurningOneOffMakesRoom() throws Exception {
        f.eval("synth('half'); var ms = []; for (let i = 0; i < 64; i++) ms.push(meter('out', (v) => 0))");
        oneLine(f.error("meter('out', (v) => 0)"),
                "<repl>:\\d+: meter: 64 meters and scopes are on, the most there can be \\(the status line may take one\\); turn one off with \\.off\\(\\) first");
        oneLine(f.error("scope('out')"), "<repl>:\\d+: scope: 64 meters and scopes are on, .*");
        f.eval("ms[0].off(); ms[0] = scope('out')");
        f.advance(4);
        assertEquals("1", f.eval("status().synths"), "the music plays on");
    }

    @Test
    void aFunctionThatThrowsIsReportedOnceAndItsMeterTurnedOff() throws Exception {
        f.eval("synth('half'); var calls = 0; var m = meter('out', (v) => { calls++; throw new Error('boom') }, {rate: 100})");
        f.advance(200);
        assertEquals(1, f.err.size(), f.err.toString());
        assertTrue(f.err.get(0).matches("<repl>:\\d+: boom \\(in the function of meter\\(out\\), which is now off\\)"), f.err.get(0));
        assertEquals(1, num("calls"));
        assertEquals("false", f.eval("m.on"));
        assertEquals("1", f.eval("status().synths"));
    }

    @Test
    void aScopePrintsTheLast50MsInBraille() throws Exception {
        f.eval("synth('half'); var s = scope('out', {rate: 2})");
        f.advance(40); // 2560 frames: one frame of 2400 is due
        List<String> frames = f.out.stream().filter(l -> l.startsWith("scope out")).toList();
        assertEquals(1, frames.size(), f.out.toString());
        String[] lines = frames.get(0).split("\n");
        assertEquals("scope out: 50 ms to 0.05 s, ±1", lines[0]);
        assertEquals(7, lines.length);
        for (int i = 1; i < 7; i++) {
            assertTrue(lines[i].matches("[LR] [\\u2800-\\u28FF]{60}"), lines[i]);
        }
        assertTrue(lines[1].chars().anyMatch(c -> c > 0x2800), "the wave shows");
        f.eval("s.off()");
        f.advance(400);
        assertEquals(1, f.out.stream().filter(l -> l.startsWith("scope out")).count(), "off: no more frames");
    }
}
