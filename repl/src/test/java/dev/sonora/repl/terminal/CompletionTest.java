package dev.sonora.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** The REPL's parser and completer, without a terminal. */
class CompletionTest {
    private final JsCompleter completer = new JsCompleter(
            () -> List.of("synth", "sine", "def", ".mul", ".pan", ".release"), () -> List.of("bass", "pad"));

    private List<String> complete(String line) {
        var parsed = new JsLineParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> c = new ArrayList<>();
        completer.complete(null, parsed, c);
        return c.stream().map(Candidate::value).filter(v -> v.startsWith(parsed.word())).toList();
    }

    @Test
    void completesApiNamesMethodsAndDefs() {
        assertTrue(complete("syn").contains("synth"));
        assertTrue(complete("saw(1).p").contains("saw(1).pan") || complete("x.p").contains("x.pan"));
        assertTrue(complete("n.re").contains("n.release"), complete("n.re").toString());
        assertTrue(complete("synth('ba").contains("bass"));
    }

    @Test
    void incompleteInputAsksForMore() {
        boolean continued = false;
        try {
            new JsLineParser().parse("def('x', () =>", 14, Parser.ParseContext.ACCEPT_LINE);
        } catch (EOFError e) {
            continued = true;
        }
        assertTrue(continued);
    }
}
