package dev.sonora.repl.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * A light JavaScript tokenizer: enough to tell code from strings, templates, comments and
 * regular expressions, and to track bracket depth. It never evaluates or fully parses; it
 * serves the REPL (is this input complete?) and the source rewriter (top-level {@code let}).
 * Pure function of its input; any thread.
 */
public final class JsTokens {
    /** Token kinds the callers care about. */
    public enum Kind { WORD, NUMBER, STRING, TEMPLATE, REGEX, PUNCT }

    /** A token: kind, [start, end) offsets, and the bracket depth it starts at. */
    public record Token(Kind kind, int start, int end, int depth, String text) { }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    // one entry per open bracket; '`' marks a ${ that resumes a template when closed
    private final StringBuilder open = new StringBuilder();
    private boolean unterminated; // a template, block comment or string runs past the end
    private boolean unterminatedLineString;
    private int i;

    private JsTokens(String src) {
        this.src = src;
    }

    public static JsTokens scan(String src) {
        JsTokens t = new JsTokens(src);
        t.run();
        return t;
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** Brackets still open at the end. */
    public int depth() {
        return open.length();
    }

    /** A template literal or block comment is still open at the end. */
    public boolean unterminated() {
        return unterminated;
    }

    /** A '...' or "..." string is missing its closing quote. */
    public boolean unterminatedString() {
        return unterminatedLineString;
    }

    private void run() {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && peek(1) == '/') {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (c == '/' && peek(1) == '*') {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    unterminated = true;
                    i = n;
                } else {
                    i = end + 2;
                }
            } else if (c == '\'' || c == '"') {
                quoted(c);
            } else if (c == '`') {
                i++;
                template(i - 1);
            } else if (c == '/' && regexAllowed()) {
                regex();
            } else if (Character.isJavaIdentifierStart(c)) {
                int s = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) i++;
                add(Kind.WORD, s);
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.'
                        || src.charAt(i) == '_')) i++;
                add(Kind.NUMBER, s);
            } else {
                punct(c);
            }
        }
    }

    private char peek(int k) {
        return i + k < src.length() ? src.charAt(i + k) : '\0';
    }

    private void add(Kind k, int start) {
        tokens.add(new Token(k, start, i, open.length(), src.substring(start, i)));
    }

    private void quoted(char q) {
        int s = i++;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == q) {
                i++;
                add(Kind.STRING, s);
                return;
            } else if (c == '\n') {
                break;
            } else {
                i++;
            }
        }
        unterminatedLineString = true;
        i = Math.min(i, n);
        add(Kind.STRING, s);
    }

    /** Scans template text from i (after the backquote or a closing brace of ${}). */
    private void template(int s) {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                i++;
                add(Kind.TEMPLATE, s);
                return;
            } else if (c == '$' && peek(1) == '{') {
                i += 2;
                add(Kind.TEMPLATE, s);
                open.append('`');
                return;
            } else {
                i++;
            }
        }
        i = n;
        unterminated = true;
        add(Kind.TEMPLATE, s);
    }

    private void regex() {
        int s = i++;
        int n = src.length();
        boolean inClass = false;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\n') break;
            i++;
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            else if (c == '/' && !inClass) {
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) i++;
                break;
            }
        }
        i = Math.min(i, n);
        add(Kind.REGEX, s);
    }

    private void punct(char c) {
        int s = i++;
        switch (c) {
            case '(', '[', '{' -> {
                add(Kind.PUNCT, s);
                open.append(c);
            }
            case ')', ']', '}' -> {
                boolean resumesTemplate = c == '}' && open.length() > 0 && open.charAt(open.length() - 1) == '`';
                if (open.length() > 0) open.setLength(open.length() - 1);
                if (resumesTemplate) {
                    template(s);
                } else {
                    add(Kind.PUNCT, s);
                }
            }
            default -> {
                // greedy multi-char operators that matter to callers: => ... ?. and friends
                while (i < src.length() && "=>.&|?+-*%<!".indexOf(src.charAt(i)) >= 0
                        && "=>.&|?+-*%<!".indexOf(c) >= 0 && i - s < 4) i++;
                add(Kind.PUNCT, s);
            }
        }
    }

    private static final java.util.Set<String> KEYWORDS_BEFORE_EXPRESSION = java.util.Set.of(
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
            "do", "else", "yield", "await");

    /** Whether a slash here starts a regex (an expression is expected) rather than dividing. */
    private boolean regexAllowed() {
        return expressionExpected(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1));
    }

    /** Whether an expression may start after {@code prev} (null: start of input). */
    public static boolean expressionExpected(Token prev) {
        if (prev == null) return true;
        return switch (prev.kind()) {
            case NUMBER, STRING, REGEX -> false;
            case TEMPLATE -> !prev.text().endsWith("${");
            case WORD -> KEYWORDS_BEFORE_EXPRESSION.contains(prev.text());
            case PUNCT -> !(prev.text().equals(")") || prev.text().equals("]") || prev.text().equals("}"));
        };
    }
}
