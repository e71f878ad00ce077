package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.Features;

/**
 * Prelude modules load on first use (only how results print, how the API is published and the
 * sandbox load with the context): a global name of one loads it (and what it imports) and then
 * behaves as if it had always been there; an extension that only extends another loads with it;
 * help() loads them all; what to install is read from the modules' own text.
 */
class LazyModulesTest {

    private static boolean loaded(HostFixture f, String name) throws Exception {
        return f.lang.submit(() -> f.host.moduleLoaded(name)).get();
    }

    @Test
    void aNameLoadsItsExtensionOnFirstUseAndThenIsAPlainGlobal() throws Exception {
        try (HostFixture f = new HostFixture()) {
            for (String e : List.of("buses", "signals", "synths", "helpers", "files", "status", "help", "handlers",
                    "time", "link", "samples", "midi", "midiout", "osc", "ndef", "patterns", "observe")) {
                assertFalse(loaded(f, e), e + " waits for its first use");
            }
            assertEquals("'function'", f.eval("typeof midicps"));
            assertTrue(loaded(f, "helpers"));
            assertFalse(loaded(f, "synths"), "only what was touched");
            assertEquals("'function'", f.eval("typeof ndef"));
            assertTrue(loaded(f, "ndef") && loaded(f, "synths") && loaded(f, "signals"), "ndef and what it imports");
            assertFalse(loaded(f, "patterns"), "only what was touched");
            assertFalse(loaded(f, "time"), "ndef does not import time");
            // an accessor no more: a plain, writable data property, as api() always made
            assertEquals("true", f.eval("Object.getOwnPropertyDescriptor(globalThis, 'ndef').writable"));
            // patterns imports samples: both come with pat
            assertEquals("'function'", f.eval("typeof pat"));
            assertTrue(loaded(f, "patterns") && loaded(f, "samples"));
            // midiout has no global of its own: it extends midi, and loads with it
            assertEquals("'function'", f.eval("typeof midi.out"));
            assertTrue(loaded(f, "midi") && loaded(f, "midiout"));
        }
    }

    @Test
    void aUnitFunctionLoadsSignalsOnFirstUse() throws Exception {
        try (HostFixture f = new HostFixture()) {
            assertEquals("'function'", f.eval("typeof globalThis['si' + 'ne']"), "an accessor, made from the registry");
            assertTrue(loaded(f, "signals"));
        }
        try (HostFixture f = new HostFixture()) {
            // outside a def, the unit's own refusal, not "sine is not defined"
            UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> f.eval("sine(440)"));
            assertTrue(e.getMessage().contains("sine() makes a signal for a synth"), e.getMessage());
        }
    }

    @Test
    void aNameReachedWithoutBeingSpelledStillLoadsItsModule() throws Exception {
        try (HostFixture f = new HostFixture()) {
            // a spelled name loads its module before the line runs; this one is only found when read
            assertEquals("'function'", f.eval("typeof globalThis['mid' + 'icps']"));
            assertTrue(loaded(f, "helpers"));
            assertEquals("'function'", f.eval("typeof globalThis['mid' + 'icps']"), "now a plain global");
        }
    }

    @Test
    void aScriptAssigningToAnUnloadedNameKeepsItsOwnValue() throws Exception {
        try (HostFixture f = new HostFixture()) {
            // n is a pattern function; a script's n = ... needs no pattern module, and keeps its value
            f.eval("var n = 5");
            assertEquals("5", f.eval("n"));
            assertFalse(loaded(f, "patterns"), "an assignment does not load the module");
            f.eval("help()"); // every module loads now, patterns too
            assertTrue(loaded(f, "patterns"));
            assertEquals("5", f.eval("n"), "the module left the script's n alone");
            assertEquals("'function'", f.eval("typeof pat"), "its other names are there");
        }
    }

    @Test
    void helpLoadsEveryModuleForItsTopics() throws Exception {
        try (HostFixture f = new HostFixture()) {
            f.eval("help()");
            for (String e : Features.all().all().keySet()) assertTrue(loaded(f, e), e);
            for (String c : JsHost.DEFERRED_CORE) assertTrue(loaded(f, c), c);
        }
    }

    @Test
    void aTimedLoopWorksWhenTimeLoadsOnFirstUse() throws Exception {
        try (HostFixture f = new HostFixture()) {
            assertFalse(loaded(f, "time"));
            f.eval("def('blip', ({freq = 440}) => sine(freq).mul(0.1)); loop('l', 1, () => synth('blip'))");
            assertTrue(loaded(f, "time"));
            assertEquals("'l'", f.eval("loops().join()"));
        }
    }

    @Test
    void theNamesAndImportsComeFromTheModulesText() {
        List<String> deferred = new java.util.ArrayList<>(JsHost.DEFERRED_CORE);
        deferred.addAll(Features.all().all().keySet());
        PendingModule patterns = new PendingModule("patterns", null, JsHost.moduleText("patterns"), deferred);
        assertTrue(patterns.globals.containsAll(List.of("pat", "mini", "note", "cycle")), patterns.globals.toString());
        assertEquals(List.of("synths", "samples", "time", "help"), patterns.imports);
        PendingModule midiout = new PendingModule("midiout", new Object(), JsHost.moduleText("midiout"), deferred);
        assertTrue(midiout.globals.isEmpty());
        assertEquals(List.of("synths", "help", "midi"), midiout.imports);
        PendingModule synths = new PendingModule("synths", null, JsHost.moduleText("synths"), deferred);
        assertTrue(synths.globals.containsAll(List.of("def", "synth", "play", "group", "hush")), synths.globals.toString());
        assertEquals(List.of("signals"), synths.imports);
    }
}
