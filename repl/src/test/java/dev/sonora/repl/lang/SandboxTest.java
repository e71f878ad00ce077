package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scripts reach the API, not Java, files, processes or other languages. */
class SandboxTest {
    static HostFixture f;

    @BeforeAll
    static void up() throws Exception {
        f = new HostFixture();
    }

    @AfterAll
    static void down() throws Exception {
        f.close();
    }

    @Test
    void javaTypeIsRefused() throws Exception {
        String e = f.error("Java.type('java.lang.System')");
        assertTrue(e.matches("<repl>:\\d+: TypeError: Access to host class java.lang.System is not allowed or does not exist\\."), e);
    }

    @Test
    void requireIsRefusedInWords() throws Exception {
        String e = f.error("require('fs')");
        assertTrue(e.matches("<repl>:\\d+: require\\(string 'fs'\\) is not available.*use load\\('file.js'\\)"), e);
    }

    @Test
    void otherLanguagesAreRefused() throws Exception {
        String e = f.error("Polyglot.eval('python', '1 + 1')");
        assertTrue(e.contains("sandbox: other languages are not available"), e);
    }

    @Test
    void hostObjectsExposeNothingButTheApi() throws Exception {
        f.eval("def('sb', () => sine(440).mul(0.01))");
        // a node handle is opaque: no getClass, no fields, no way to the server
        String e = f.error("synth('sb').__ref.getClass()");
        assertTrue(e.contains("TypeError"), e);
        assertEquals("'undefined'", f.eval("typeof __bridge"));
        assertEquals("'undefined'", f.eval("typeof Packages"));
    }

    @Test
    void importReachesNeitherFilesNorThePreludesModules() throws Exception {
        // the prelude is ES modules the engine holds by URL; a script's import() finds no file and none of them
        f.eval("var imported = []; for (const m of ['/etc/hostname', 'file:///etc/hostname', './bridge.mjs', 'bridge.mjs',"
                + " 'sonora:prelude/bridge.mjs', 'jar:file:/sonora-prelude.jar!/bridge.mjs'])"
                + " import(m).then(() => imported.push(m + ' loaded'), () => imported.push('refused'))");
        assertEquals("'refused refused refused refused refused refused'", f.eval("imported.join(' ')"));
        assertEquals("'undefined'", f.eval("typeof __show"));
        assertEquals("'undefined'", f.eval("typeof connect"));
    }

    @Test
    void noGraalShellBuiltinsForFiles() throws Exception {
        // GraalJS's own load/read builtins are gone; load() is the API's and reads only scripts
        assertEquals("'undefined'", f.eval("typeof read"));
        assertEquals("'undefined'", f.eval("typeof loadWithNewGlobal"));
        String e = f.error("load('/no/such/file.js')");
        assertTrue(e.contains("load: no file '/no/such/file.js'"), e);
    }
}
