package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The source rewriter, the completeness check and the def parameter reader: text only, no JS engine. */
class SourceTextTest {
    @Test
    void topLevelDeclarationsBecomeVarAndKeepTheirColumns() {
        assertEquals("var   n = synth('x')", SourceRewriter.rewrite("const n = synth('x')"));
        assertEquals("var a = 1; var   b = 2", SourceRewriter.rewrite("let a = 1; const b = 2"));
        String inner = "function f() { const x = 1; let y = 2 }\nfor (let i = 0; i < 2; i++) {}";
        assertEquals(inner, SourceRewriter.rewrite(inner));
        String strings = "'const a' + \"let b\" + `const ${c} let`; // const d\n/* let e */";
        assertEquals(strings, SourceRewriter.rewrite(strings));
        assertEquals("var   {a, b} = o", SourceRewriter.rewrite("const {a, b} = o"));
        assertEquals("x.const = 1", SourceRewriter.rewrite("x.const = 1"));
    }

    @Test
    void inCallBecomesIn() {
        assertEquals("mix(In(b), 1)", SourceRewriter.rewrite("mix(in(b), 1)"));
        assertEquals("return In(b)", SourceRewriter.rewrite("return in(b)"));
        assertEquals("'a' in (o)", SourceRewriter.rewrite("'a' in (o)"));
        assertEquals("for (k in (o)) {}", SourceRewriter.rewrite("for (k in (o)) {}"));
        assertEquals("x.in(b)", SourceRewriter.rewrite("x.in(b)"));
    }

    @Test
    void incompleteInputContinues() {
        assertTrue(SourceRewriter.isIncomplete("def('bass', ({freq = 110}) =>"));
        assertTrue(SourceRewriter.isIncomplete("synth('x', {"));
        assertTrue(SourceRewriter.isIncomplete("saw(1)."));
        assertTrue(SourceRewriter.isIncomplete("`multi\nline"));
        assertTrue(SourceRewriter.isIncomplete("/* open comment"));
        assertFalse(SourceRewriter.isIncomplete("1 + 1"));
        assertFalse(SourceRewriter.isIncomplete("'unterminated"), "a syntax error, not more input");
        assertFalse(SourceRewriter.isIncomplete("x = a / b; y = /re[/]/.test(s)"));
        assertFalse(SourceRewriter.isIncomplete("`a ${b} c`"));
        assertTrue(SourceRewriter.isIncomplete("`a ${b"));
    }

    @Test
    void paramPatterns() {
        ParamPattern p = ParamPattern.parse("({freq = 110, amp = 0.3, cutoff = f(1, 2), gate = 1}) => saw(freq)");
        assertEquals(ParamPattern.OBJECT, p.kind());
        assertEquals(List.of("freq", "amp", "cutoff", "gate"), p.keys());
        assertEquals("{freq = 110, amp = 0.3, cutoff = f(1, 2), gate = 1}", p.text());
        p = ParamPattern.parse("function named({a: x = [1, 2], b}, other) { return 1 }");
        assertEquals(List.of("a", "b"), p.keys());
        assertEquals(List.of("x", "b"), p.locals());
        assertEquals(ParamPattern.NONE, ParamPattern.parse("() => sine(440)").kind());
        assertEquals(ParamPattern.NAME, ParamPattern.parse("c => sine(c.freq)").kind());
        assertEquals(ParamPattern.NAME, ParamPattern.parse("(c) => sine(c.freq)").kind());
        assertEquals(List.of("s"), ParamPattern.parse("({s = '})'}) => 1").keys());
        assertThrows(IllegalArgumentException.class, () -> ParamPattern.parse("({...rest}) => 1"));
        assertThrows(IllegalArgumentException.class, () -> ParamPattern.parse("([a, b]) => 1"));
    }
}
