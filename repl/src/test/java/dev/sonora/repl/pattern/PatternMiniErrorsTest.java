package dev.sonora.repl.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A string that cannot be read is refused with what is wrong and the column (1-based). */
class PatternMiniErrorsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "bd*2 [~ sn; mini: \"bd*2 [~ sn\": unclosed '[' at column 6",
            "<a b; mini: \"<a b\": unclosed '<' at column 1",
            "{a b, c; mini: \"{a b, c\": unclosed '{' at column 1",
            "a(3,8; mini: \"a(3,8\": unclosed '(' at column 2",
            "a(3 8); mini: \"a(3 8)\": a Euclidean rhythm is (pulses,steps) or (pulses,steps,rotation) at column 5",
            "a ]; mini: \"a ]\": unexpected ']' at column 3",
            "[a >]; mini: \"[a >]\": expected ']' to close the '[' at column 1, got '>' at column 4",
            "a*; mini: \"a*\": '*' needs a number after it, like bd*2 at column 2",
            "a/x; mini: \"a/x\": '/' needs a number after it, got 'x' at column 3",
            "a $ b; mini: \"a $ b\": unexpected '$' at column 3",
            "@3 a; mini: \"@3 a\": '@' needs a step before it at column 1",
            "a, b | c; mini: \"a, b | c\": ',' and '|' cannot be mixed in one group (put brackets around one) at column 6",
            "[]; mini: \"[]\": empty '[ ]' at column 1",
            "a ,; mini: \"a ,\": a step is missing at column 4",
            "a?2; mini: \"a?2\": '?' takes a probability from 0 to 1 at column 3",
            "a:; mini: \"a:\": ':' needs a value after it, like bd:3 at column 2",
    })
    void refusedWithTheColumn(String source, String message) {
        MiniException e = assertThrows(MiniException.class, () -> Mini.parse(source));
        assertEquals(message, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void groupsNestedThousandsDeepAreOneLineQuotedAroundTheColumn() {
        // the parser's stack overflowed: "internal error (a bug in Sonora ...)"
        String deep = "[".repeat(5000) + "bd" + "]".repeat(5000);
        MiniException e = assertThrows(MiniException.class, () -> Mini.parse(deep));
        assertEquals("mini: \"…" + "[".repeat(60) + "…\": groups nested more than 64 deep at column 65", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void pastExactTimeIsARefusalNotAnInternalError() {
        // Fraction's overflow was an ArithmeticException, which the front end reports as a bug
        assertThrows(PatternTimeException.class, () -> Mini.parse("bd*1e16").onsets(Fraction.ZERO, Fraction.ONE));
        assertThrows(PatternTimeException.class, () -> Fraction.of(1e300));
        assertThrows(PatternTimeException.class, () -> Fraction.of(1, 999999937).add(Fraction.of(1, 999999929)).add(Fraction.of(1, 999999893)));
    }
}
