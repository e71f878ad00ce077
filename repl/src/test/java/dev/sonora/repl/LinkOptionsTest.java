package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --link} on the command line: parsed, refused with a render, and live it joins before the scripts run. */
class LinkOptionsTest {
    @Test
    void linkIsParsedAndRefusedWithARender() throws Exception {
        assertTrue(Options.parse(new String[] {"--link"}).link);
        assertFalse(Options.parse(new String[] {}).link);
        var e = assertThrows(Options.Bad.class,
                () -> Options.parse(new String[] {"--link", "--render", "x.wav", "--duration", "1", "a.js"}));
        assertEquals("--link does not go with --render (a render runs in virtual time, not with other players)", e.getMessage());
    }

    @Test
    void liveWithLinkTheScriptsFindItOnWithTheDriversLatency() {
        CliRun r = CliRun.of("", "--driver", "null", "--buffer", "512", "--no-repl", "--duration", "1", "--link",
                "-e", "console.log('link on: ' + link().enabled + ', tempo ' + link().tempo)");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.all().contains("link: on ("), r.all());
        assertTrue(r.all().contains("link on: true, tempo 120"), r.all());
    }
}
