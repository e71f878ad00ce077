package dev.sonora.repl.lang;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a piece of JavaScript probably takes from the global scope, found without parsing
 * it: each name that is called ({@code sine(440)}) or, if longer than one letter, used as an
 * object ({@code midi.on}), unless it is a member ({@code x.name}), sits in a string, template
 * or comment, or the code declares it itself ({@code const}, {@code let}, {@code var},
 * {@code function}, {@code class}, an arrow function's parameters). {@link JsHost} loads the
 * modules of these names before the code runs. A guess in either direction costs little: a
 * module loaded for nothing takes time once; a use missed loads its module on first use.
 * One-letter names count only when called: scripts use them as locals ({@code n.set(...)}),
 * and the pattern functions {@code s} and {@code n} would otherwise load with nearly every line.
 * Any thread.
 */
final class UsedNames {
    private static final Set<String> DECLARING = Set.of("const", "let", "var", "function", "class");

    private record Token(String name, char before, char after, boolean arrowNext, String previousWord) {
    }

    private UsedNames() {
    }

    static Set<String> in(String code) {
        List<Token> tokens = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        Deque<Integer> open = new ArrayDeque<>(); // token counts at each '('
        int n = code.length();
        char before = ' ';
        String previousWord = "";
        for (int i = 0; i < n; ) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                i = skipTo(code, i + 2, "\n");
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                i = skipTo(code, i + 2, "*/");
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipString(code, i + 1, c);
                before = c;
                previousWord = "";
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i++;
                while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) i++;
                String name = code.substring(start, i);
                int next = skipSpaces(code, i);
                char after = next < n ? code.charAt(next) : ' ';
                boolean arrow = code.startsWith("=>", next);
                tokens.add(new Token(name, before, after, arrow, previousWord));
                if (DECLARING.contains(previousWord) || arrow) declared.add(name);
                previousWord = name;
                before = 'a';
            } else {
                if (c == '(') open.push(tokens.size());
                if (c == ')' && !open.isEmpty()) {
                    int from = open.pop();
                    if (code.startsWith("=>", skipSpaces(code, i + 1))) {
                        for (int t = from; t < tokens.size(); t++) declared.add(tokens.get(t).name());
                    }
                }
                if (!Character.isWhitespace(c)) {
                    before = c;
                    previousWord = "";
                }
                i++;
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (Token t : tokens) {
            if (t.before() == '.' || declared.contains(t.name()) || DECLARING.contains(t.previousWord())) continue;
            if (t.after() == '(' || t.after() == '.' && t.name().length() > 1) used.add(t.name());
        }
        return used;
    }

    private static int skipSpaces(String code, int i) {
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) i++;
        return i;
    }

    private static int skipTo(String code, int from, String end) {
        int k = code.indexOf(end, from);
        return k < 0 ? code.length() : k + end.length();
    }

    private static int skipString(String code, int i, char quote) {
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                i += 2;
            } else {
                i++;
                if (c == quote) return i;
            }
        }
        return i;
    }
}
