package dev.sonora.server.osc.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OSC 1.0 address patterns, one row a case: pattern, address, whether it matches. */
class AddressPatternTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = ' ', value = {
        "/fader/1 /fader/1 true",
        "/fader/1 /fader/10 false",
        "/fader/* /fader/1 true",
        "/fader/* /fader/ true",
        "/fader/* /fader/1/x false",
        "/*/x /a/x true",
        "/*/x /a/b/x false",
        "/f*r/1 /fader/1 true",
        "/f*r/1 /fade/1 false",
        "/ch? /ch1 true",
        "/ch? /ch12 false",
        "/ch? /ch false",
        "/n/[a-c] /n/b true",
        "/n/[a-c] /n/d false",
        "/n/[!a-c] /n/d true",
        "/n/[!a-c] /n/a false",
        "/n/[xyz0-2] /n/1 true",
        "/n/[xyz0-2] /n/y true",
        "/n/[xyz0-2] /n/3 false",
        "/{a,b}/x /a/x true",
        "/{a,b}/x /b/x true",
        "/{a,b}/x /c/x false",
        "/{ab,a}/bx /abx false",
        "/{ab,a}b/x /ab/x true",
        "/{ab,a}b/x /abb/x true",
        "/*{1,2} /fader2 true",
        "/*{1,2} /fader3 false",
    })
    void matches(String pattern, String address, boolean expected) {
        assertEquals(expected, AddressPattern.of(pattern).matches(address));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fader|an OSC address starts with '/', like '/fader/1' (got 'fader')",
        "/a[b|'/a[b': '[' at 2 is not closed by ']'",
        "/a{b,c|'/a{b,c': '{' at 2 is not closed by '}'",
        "/a]|'/a]': ']' at 2 closes nothing",
        "/a[b/c]|'/a[b/c]': '[' at 2 is not closed by ']'",
        "/a b|'/a b': OSC addresses have no ' ' (at 2)",
    })
    void aMalformedPatternIsOneLineSayingWhere(String pattern, String line) {
        assertEquals(line, assertThrows(IllegalArgumentException.class, () -> AddressPattern.of(pattern)).getMessage());
    }
}
