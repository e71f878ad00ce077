package dev.sonora.repl.ndef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/**
 * A freed proxy's private bus goes back for reuse once its fade has ended, so a set that makes
 * and frees proxies for hours never runs out of audio buses; never sooner, so a new proxy does
 * not hear an old one fading out.
 */
class NdefBusTest {
    private final HostFixture f = new HostFixture();

    NdefBusTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void aFreedProxysBusIsReusedOnlyOnceItsFadeHasEnded() throws Exception {
        f.eval("ndef('a', () => sine(440).mul(0.1)); ndef('a').fadeTime = 1");
        String a = f.eval("ndef('a').bus.index");
        f.eval("ndef('a').free(1)");
        // still fading: a proxy made now takes another bus
        f.eval("ndef('b', () => sine(330).mul(0.1))");
        assertNotEquals(a, f.eval("ndef('b').bus.index"), "a bus still written by a fade-out is not handed out");
        f.advance(1200); // 1.6 s: the fade and the group are over
        f.eval("ndef('c', () => sine(220).mul(0.1))");
        assertEquals(a, f.eval("ndef('c').bus.index"), "the silent bus is reused");
    }

    @Test
    void makingAndFreeingProxiesAllSetLongNeverRunsOutOfBuses() throws Exception {
        // more proxies made and freed than the server has stereo buses (128 audio buses by
        // default, less 16 for the hardware: 56 pairs)
        for (int i = 0; i < 100; i++) {
            f.eval("ndef('p" + i + "', () => sine(440).mul(0.1)); ndef('p" + i + "').free(0)");
            f.advance(3);
        }
        f.eval("ndef('q', () => sine(440).mul(0.1)); hush()");
        f.advance(1200);
        assertEquals("true", f.eval("ndef('last', () => sine(440).mul(0.1)); ndef('last').playing"));
        assertEquals("[ 'last' ]", f.eval("ndefs().map((d) => d.name)"));
    }
}
