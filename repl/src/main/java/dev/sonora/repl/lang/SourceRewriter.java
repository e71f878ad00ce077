package dev.sonora.repl.lang;

import dev.sonora.repl.lang.JsTokens.Kind;
import dev.sonora.repl.lang.JsTokens.Token;

/**
 * Adapts user source before evaluation, keeping every line where it was (so error lines stay
 * true). Two changes:
 * <ul>
 * <li>top-level {@code let} and {@code const} become {@code var}: a performer re-evaluates
 *     {@code const n = synth(...)} and a watched file is reloaded on every save; as lexical
 *     declarations both would fail with "already declared" the second time.</li>
 * <li>{@code in(bus)} where an expression starts becomes {@code In(bus)}: {@code in} is a JS
 *     keyword, but the API (docs/api.md) spells the bus input that way.</li>
 * </ul>
 * Pure function; any thread.
 */
public final class SourceRewriter {
    private SourceRewriter() {
    }

    public static String rewrite(String src) {
        JsTokens scan = JsTokens.scan(src);
        StringBuilder out = null;
        Token prev = null;
        var tokens = scan.tokens();
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.WORD && t.depth() == 0 && (t.text().equals("let") || t.text().equals("const"))
                    && !isMemberName(prev) && startsDeclaration(tokens, k)) {
                if (out == null) out = new StringBuilder(src);
                out.replace(t.start(), t.end(), t.text().equals("let") ? "var" : "var  ");
            } else if (t.kind() == Kind.WORD && t.text().equals("in") && JsTokens.expressionExpected(prev)
                    && !isMemberName(prev) && k + 1 < tokens.size() && tokens.get(k + 1).text().equals("(")) {
                if (out == null) out = new StringBuilder(src);
                out.replace(t.start(), t.end(), "In");
            }
            prev = t;
        }
        return out == null ? src : out.toString();
    }

    private static boolean isMemberName(Token prev) {
        return prev != null && prev.kind() == Kind.PUNCT && (prev.text().equals(".") || prev.text().equals("?."));
    }

    /** {@code let x}, {@code let {a}}, {@code let [a]}: a declaration, not {@code let} used as a name. */
    private static boolean startsDeclaration(java.util.List<Token> tokens, int k) {
        if (k + 1 >= tokens.size()) return false;
        Token next = tokens.get(k + 1);
        return next.kind() == Kind.WORD || next.text().equals("{") || next.text().equals("[");
    }

    /**
     * Whether the REPL should read another line before evaluating: a bracket, template
     * literal or block comment is still open, or the input ends with an operator that needs
     * a right-hand side.
     */
    public static boolean isIncomplete(String src) {
        JsTokens scan = JsTokens.scan(src);
        if (scan.unterminatedString()) return false; // a syntax error: let the evaluator say so
        if (scan.depth() > 0 || scan.unterminated()) return true;
        var tokens = scan.tokens();
        if (tokens.isEmpty()) return false;
        Token last = tokens.get(tokens.size() - 1);
        return last.kind() == Kind.PUNCT && switch (last.text()) {
            case ".", ",", "=>", "=", "+", "-", "*", "&&", "||", "??", "?", ":", "+=", "-=", "*=" -> true;
            default -> false;
        };
    }
}
