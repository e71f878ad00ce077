package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which global names a line uses, as JsHost loads their modules before the line runs. */
class UsedNamesTest {
    @Test
    void callsAndObjectsCountMembersStringsAndCommentsDoNot() {
        assertEquals(Set.of("loop", "synth"), UsedNames.in("loop('x', 1, () => synth('b', {freq: 220}))"));
        assertEquals(Set.of("midi", "linexp"), UsedNames.in("midi.cc(74, (v) => n.set({cutoff: linexp(v, 0, 127, 200, 8000)}))"));
        assertEquals(Set.of("play", "sine"), UsedNames.in("play(() => sine(440).mul(0.1)) // ndef('x') later\n'pat(1)'; \"s(2)\""));
        assertEquals(Set.of(), UsedNames.in("x.loop(1); `${sine(1)}`; /* tempo(3) */"));
    }

    @Test
    void namesTheCodeDeclaresAreItsOwn() {
        // n is a local (and one letter): only its call would count; s, the pattern function, is called
        assertEquals(Set.of("synth", "s"), UsedNames.in("const n = synth('b'); n.set({freq: 2}); s('bd sn')"));
        assertEquals(Set.of(), UsedNames.in("function tempo(x) { return x } let loop = 2; var at; class midi {}"));
        assertEquals(Set.of("sine"), UsedNames.in("const f = (ndef, amp) => ndef(sine(amp)); g = osc => osc.x"));
    }
}
