package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code --osc PORT} on the command line. */
class OscOptionsTest {
    @Test
    void portIsParsedAndChecked() throws Exception {
        assertEquals(57110, Options.parse(new String[] {"--osc", "57110"}).osc);
        assertEquals(57111, Options.parse(new String[] {"--osc=57111"}).osc);
        assertEquals(-1, Options.parse(new String[] {}).osc);
        assertThrows(Options.Bad.class, () -> Options.parse(new String[] {"--osc", "0"}));
        assertThrows(Options.Bad.class, () -> Options.parse(new String[] {"--osc", "70000"}));
        assertThrows(Options.Bad.class, () -> Options.parse(new String[] {"--osc"}));
        var e = assertThrows(Options.Bad.class,
                () -> Options.parse(new String[] {"--osc", "57110", "--render", "x.wav", "--duration", "1", "a.js"}));
        assertEquals("--osc does not go with --render (a render has no live input)", e.getMessage());
    }
}
