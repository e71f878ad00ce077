package dev.sonora.repl.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sonora.repl.lang.JsTokens.Kind;
import dev.sonora.repl.lang.JsTokens.Token;

/**
 * Reads the first parameter of a def's function from its source text: the destructuring
 * pattern {@code ({freq = 110, amp = 0.3}) => ...} names the controls; the default
 * expressions are evaluated later by the prelude. Pure function; any thread.
 *
 * @param kind     what the first parameter is
 * @param text     the whole first parameter as written (pattern and its own default), or ""
 * @param keys     control names (property keys), in order
 * @param locals   the variable each key binds (equal to the key unless renamed {@code key: local})
 */
public record ParamPattern(String kind, String text, List<String> keys, List<String> locals) {
    public static final String NONE = "none";
    public static final String OBJECT = "object";
    public static final String NAME = "name";

    private static final Pattern ENTRY = Pattern.compile(
            "\\s*([A-Za-z_$][\\w$]*)\\s*(?::\\s*([A-Za-z_$][\\w$]*))?\\s*(?:=[\\s\\S]*)?");

    /** Parses {@code fnSource} (a function's {@code toString()}); throws IllegalArgumentException in words. */
    public static ParamPattern parse(String fnSource) {
        List<Token> t = JsTokens.scan(fnSource).tokens();
        int k = 0;
        if (k < t.size() && t.get(k).text().equals("async")) k++;
        if (k < t.size() && t.get(k).text().equals("function")) {
            k++;
            if (k < t.size() && t.get(k).text().equals("*")) k++;
            if (k < t.size() && t.get(k).kind() == Kind.WORD) k++;
        }
        if (k >= t.size()) return none();
        Token first = t.get(k);
        if (first.kind() == Kind.WORD) {
            // x => ...: a single plain parameter
            return new ParamPattern(NAME, first.text(), List.of(), List.of());
        }
        if (!first.text().equals("(")) return none();
        int depth = first.depth();
        // collect the tokens of the first parameter: up to a comma or the closing paren at depth+1
        int startTok = k + 1;
        int endTok = startTok;
        while (endTok < t.size()) {
            Token x = t.get(endTok);
            if (x.depth() == depth && x.text().equals(")")) break;
            if (x.depth() == depth + 1 && x.text().equals(",")) break;
            endTok++;
        }
        if (endTok >= t.size()) throw new IllegalArgumentException("cannot read the function's parameters");
        if (endTok == startTok) return none();
        String text = fnSource.substring(t.get(startTok).start(), t.get(endTok - 1).end());
        Token p = t.get(startTok);
        if (p.kind() == Kind.WORD) return new ParamPattern(NAME, text, List.of(), List.of());
        if (!p.text().equals("{")) {
            throw new IllegalArgumentException("the controls must be an object pattern like ({freq = 440, amp = 0.1}) => ...");
        }
        // entries of the object pattern: split at commas one level inside the brace
        List<String> keys = new ArrayList<>();
        List<String> locals = new ArrayList<>();
        int inner = p.depth() + 1;
        int entryStart = p.end();
        for (int j = startTok + 1; j < endTok; j++) {
            Token x = t.get(j);
            boolean closes = x.depth() == p.depth() && x.text().equals("}");
            if ((x.depth() == inner && x.text().equals(",")) || closes) {
                String entry = fnSource.substring(entryStart, x.start());
                entryStart = x.end();
                if (!entry.isBlank()) addEntry(entry, keys, locals);
                if (closes) break;
            }
        }
        return new ParamPattern(OBJECT, text, List.copyOf(keys), List.copyOf(locals));
    }

    private static void addEntry(String entry, List<String> keys, List<String> locals) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            throw new IllegalArgumentException("control '" + entry.trim()
                    + "' is not a plain name: write name or name = default");
        }
        keys.add(m.group(1));
        locals.add(m.group(2) != null ? m.group(2) : m.group(1));
    }

    private static ParamPattern none() {
        return new ParamPattern(NONE, "", List.of(), List.of());
    }
}
