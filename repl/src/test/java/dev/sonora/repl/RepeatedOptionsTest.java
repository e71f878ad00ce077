package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An option that takes one value, given twice, is refused: the last one won without a word. */
class RepeatedOptionsTest {
    @Test
    void aValueGivenTwiceIsRefusedAndCodeMayRepeat() throws Exception {
        Options.Bad e = assertThrows(Options.Bad.class,
                () -> Options.parse(new String[] {"--render", "a.wav", "--render", "b.wav", "--duration", "1", "x.js"}));
        assertEquals("--render is given twice: give it once", e.getMessage());
        e = assertThrows(Options.Bad.class, () -> Options.parse(new String[] {"--driver", "null", "--driver=jack"}));
        assertEquals("--driver is given twice: give it once", e.getMessage());
        assertEquals(2, Options.parse(new String[] {"-e", "1", "--eval", "2", "--no-status", "--no-status"}).code.size());
    }
}
