package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Live: a patch that clips is told so in one line, and keeps playing; a clean one hears nothing. */
class ClipWatchTest {

    @Test
    void clippingLiveSaysSoOnceAndTheMusicGoesOn() throws Exception {
        CliRun r = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "2.5", "-e",
                "play(() => sine(100).mul(1.5)); console.log('loud')");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("loud"), r.out());
        long lines = r.err().lines().filter(l -> l.contains("the output clipped:")).count();
        assertEquals(1, lines, "one line, not one a second: " + r.err());
        assertTrue(r.err().matches("(?s).*the output clipped: \\d+ samples went past full scale in the last second.*\\.limit\\(0\\.9\\).*"), r.err());
    }

    @Test
    void aCleanPatchHearsNothing() throws Exception {
        CliRun r = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "1.5", "-e", "play(() => sine(100).mul(0.5))");
        assertEquals(0, r.code(), r.all());
        assertFalse(r.err().contains("clipped"), r.err());
    }
}
