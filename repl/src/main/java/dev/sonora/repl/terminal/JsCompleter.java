package dev.sonora.repl.terminal;

import java.util.List;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: API names, method names after a dot, and the names of defined synths
 * (also inside a string, for {@code synth('ba<Tab>}). The API names come from the prelude once
 * the JS host is up; def names are read from the server each time. Input thread.
 */
final class JsCompleter implements Completer {
    private final Supplier<List<String>> apiNames;
    private final Supplier<java.util.Collection<String>> defNames;

    JsCompleter(Supplier<List<String>> apiNames, Supplier<java.util.Collection<String>> defNames) {
        this.apiNames = apiNames;
        this.defNames = defNames;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        int dot = word.lastIndexOf('.');
        List<String> api = apiNames.get();
        if (dot >= 0) {
            String prefix = word.substring(0, dot + 1);
            for (String n : api) {
                if (n.startsWith(".")) candidates.add(candidate(prefix + n.substring(1)));
            }
            return;
        }
        for (String n : api) {
            if (!n.startsWith(".")) candidates.add(candidate(n));
        }
        for (String d : defNames.get()) candidates.add(candidate(d));
    }

    private static Candidate candidate(String value) {
        // complete=false: no space after, a '(' or '.' usually follows
        return new Candidate(value, value, null, null, null, null, false);
    }
}
