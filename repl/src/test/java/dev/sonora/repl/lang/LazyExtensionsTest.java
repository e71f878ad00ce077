package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.Features;

/**
 * Extension modules load on first use (only {@code time} with the core): a global name of one
 * loads it (and what it imports) and then behaves as if it had always been there; an extension
 * that only extends another loads with it; help() loads them all; what to install is read from
 * the modules' own text.
 */
class LazyExtensionsTest {

    private static boolean loaded(HostFixture f, String name) throws Exception {
        return f.lang.submit(() -> f.host.extensionLoaded(name)).get();
    }

    @Test
    void aNameLoadsItsExtensionOnFirstUseAndThenIsAPlainGlobal() throws Exception {
        try (HostFixture f = new HostFixture()) {
            assertTrue(loaded(f, "time"), "time loads with the core");
            for (String e : List.of("link", "samples", "midi", "midiout", "osc", "ndef", "patterns", "observe")) {
                assertFalse(loaded(f, e), e + " waits for its first use");
            }
            assertEquals("'function'", f.eval("typeof ndef"));
            assertTrue(loaded(f, "ndef"));
            assertFalse(loaded(f, "patterns"), "only what was touched");
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
    void aScriptAssigningToAnUnloadedNameGetsItsOwnValue() throws Exception {
        try (HostFixture f = new HostFixture()) {
            f.eval("var scope = 5");
            assertEquals("5", f.eval("scope"));
            assertTrue(loaded(f, "observe"), "the assignment loaded the module first, then replaced its value");
        }
    }

    @Test
    void helpLoadsEveryExtensionForItsTopics() throws Exception {
        try (HostFixture f = new HostFixture()) {
            f.eval("help()");
            for (String e : Features.all().all().keySet()) assertTrue(loaded(f, e), e);
        }
    }

    @Test
    void theNamesAndImportsComeFromTheModulesText() {
        Extensions all = Features.all();
        PendingExtension patterns = new PendingExtension("patterns", null, JsHost.moduleText("patterns"), all);
        assertTrue(patterns.globals.containsAll(List.of("pat", "mini", "note", "cycle")), patterns.globals.toString());
        assertEquals(List.of("samples", "time"), patterns.imports);
        PendingExtension midiout = new PendingExtension("midiout", null, JsHost.moduleText("midiout"), all);
        assertTrue(midiout.globals.isEmpty());
        assertEquals(List.of("midi"), midiout.imports);
    }
}
