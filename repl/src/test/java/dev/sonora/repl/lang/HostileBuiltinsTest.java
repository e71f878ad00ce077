package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A performer may change JavaScript's built-ins (on purpose or by a slip): the API keeps working,
 * because the prelude captured what it uses at start-up. Each mutation runs in a fresh host; the
 * API is exercised with the built-in broken, then again after it is put back.
 */
class HostileBuiltinsTest {
    /** {target, key}: the property is replaced by a function that throws (or, for then, a throwing getter). */
    static List<String[]> mutations() {
        String[][] m = {
            {"Array.prototype", "'push'"}, {"Array.prototype", "'map'"}, {"Array.prototype", "'forEach'"},
            {"Array.prototype", "'join'"}, {"Array.prototype", "'slice'"}, {"Array.prototype", "'indexOf'"},
            {"Array.prototype", "'includes'"}, {"Array.prototype", "'filter'"}, {"Array.prototype", "'concat'"},
            {"Array.prototype", "Symbol.iterator"}, {"Object.getPrototypeOf([][Symbol.iterator]())", "'next'"},
            {"Array", "'isArray'"}, {"Array.prototype", "'constructor'"},
            {"Object", "'keys'"}, {"Object", "'assign'"}, {"Object", "'defineProperty'"}, {"Object", "'is'"},
            {"Object", "'setPrototypeOf'"}, {"Object", "'getPrototypeOf'"}, {"Object.prototype", "'then'"},
            {"Object.prototype", "'toString'"},
            {"JSON", "'stringify'"}, {"JSON", "'parse'"}, {"globalThis", "'JSON'"},
            {"Function.prototype", "'call'"}, {"Function.prototype", "'apply'"}, {"Function.prototype", "'bind'"},
            {"Function.prototype", "'toString'"},
            {"String.prototype", "'replace'"}, {"String.prototype", "'split'"}, {"String.prototype", "'startsWith'"},
            {"String.prototype", "'toLowerCase'"}, {"String.prototype", "'slice'"}, {"String.prototype", "'repeat'"},
            {"String.prototype", "'indexOf'"}, {"String.prototype", "'includes'"}, {"globalThis", "'String'"},
            {"Number", "'isFinite'"}, {"Number", "'isInteger'"}, {"Number.prototype", "'toFixed'"},
            {"Math", "'round'"}, {"Math", "'floor'"}, {"Math", "'min'"}, {"Math", "'max'"}, {"Math", "'pow'"},
            {"Math", "'abs'"}, {"Math", "'random'"}, {"Math", "'log2'"}, {"globalThis", "'Math'"},
            {"Map.prototype", "'get'"}, {"Set.prototype", "'add'"},
            {"Promise.prototype", "'then'"}, {"Promise", "'resolve'"},
            {"RegExp.prototype", "'exec'"}, {"RegExp.prototype", "'test'"},
            {"globalThis", "'Error'"}, {"globalThis", "'Object'"}, {"globalThis", "'Array'"},
        };
        return List.of(m);
    }

    private static final String EXERCISE = """
            def('hx', ({freq = 440, amp = 0.1, gate = 1}) => saw(freq).mul(adsr(0.001, 0.01, 0.5, 0.01, gate)).mul(amp).pan(0))
            var hn = synth('hx', {freq: 220}); hn.set({freq: 330, amp: 0.2}); hn.release()
            play(() => mix(sine(440), [sine(1), 1][0]).mul(0.05)).free()
            sample('bd'); sample('hh', {rate: 1.5, pan: 0.5})
            hn.toString() + ' ' + status().nodes
            tempo(120)
            loop('hl', 0.25, (b) => { hits++ })
            at(0.1, () => { ats++ })
            help(); help('midi'); help('time')
            """;

    @ParameterizedTest(name = "{0}[{1}]")
    @MethodSource("mutations")
    void theApiIgnoresChangedBuiltins(String target, String key) throws Exception {
        try (HostFixture f = new HostFixture()) {
            f.eval("var hits = 0, ats = 0; var __t = " + target + ", __k = " + key + ";\n"
                    + "var __saved = Reflect.getOwnPropertyDescriptor(__t, __k), __define = Reflect.defineProperty, __delete = Reflect.deleteProperty");
            String hostile = key.equals("'then'")
                    ? "{get() { throw 1 }, configurable: true}"
                    : "{value: function hostile() { throw new Error('hostile built-in') }, writable: true, configurable: true}";
            f.eval("__define(__t, __k, " + hostile + ")");
            exercise(f, "with " + target + "[" + key + "] changed");
            f.eval("__saved ? __define(__t, __k, __saved) : __delete(__t, __k)");
            exercise(f, "after " + target + "[" + key + "] was put back");
        }
    }

    private static void exercise(HostFixture f, String when) throws Exception {
        f.err.clear();
        f.eval("hits = 0; ats = 0");
        for (String line : EXERCISE.strip().split("\n")) {
            try {
                f.eval(line);
            } catch (UserError e) {
                throw new AssertionError(when + ": " + line + " -> " + e.getMessage());
            }
        }
        f.advance(48000 / 2 / 64); // 0.5 s at 120 bpm: one beat
        f.eval("stop('hl'); hush()");
        assertEquals(List.of(), f.err, when);
        assertEquals("1", f.eval("ats"), when);
        assertTrue(Integer.parseInt(f.eval("hits")) >= 2, when + ": loop ran " + f.eval("hits") + " times");
        assertTrue(f.out.stream().anyMatch(s -> s.startsWith("Sonora: type JavaScript")), when + ": help printed");
    }
}
