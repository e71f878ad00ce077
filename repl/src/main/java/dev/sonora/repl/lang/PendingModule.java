package dev.sonora.repl.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prelude module that JsHost evaluates when it is first used (or when the Lang thread is idle
 * after the prompt): a topic of the core API (signals, synths, ...) or an extension, which also has
 * a Java side. What JsHost needs to know beforehand is read from the module's own text, so it
 * cannot drift from it: the global names it defines (its {@code api('name', ...)} calls) and the
 * other deferred modules it imports, which must be evaluated before it (the engine cannot fetch a
 * module itself). Lang thread.
 */
final class PendingModule {
    static final int WAITING = 0;
    static final int LOADING = 1;
    static final int LOADED = 2;
    /** Failed or stopped while it loaded (Ctrl-C, an exit): it cannot be evaluated again in this context. */
    static final int FAILED = 3;

    private static final Pattern API = Pattern.compile("\\bapi\\('([A-Za-z_$][\\w$]*)'");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([A-Za-z_]+)\\.mjs'");

    final String name;
    /** The extension's Java side, handed to the module's {@code connect}; null for a core module. */
    final Object bridge;
    final String text; // the module's source, read once
    final List<String> globals = new ArrayList<>();
    final List<String> imports = new ArrayList<>(); // deferred modules only; the eager core is loaded first
    int state = WAITING;

    /** {@code deferred}: the names of every module loaded on first use, core and extensions. */
    PendingModule(String name, Object bridge, String text, Collection<String> deferred) {
        this.name = name;
        this.bridge = bridge;
        this.text = text;
        Matcher a = API.matcher(text);
        while (a.find()) globals.add(a.group(1));
        Matcher i = IMPORT.matcher(text);
        while (i.find()) {
            if (deferred.contains(i.group(1))) imports.add(i.group(1));
        }
    }

    boolean isExtension() {
        return bridge != null;
    }
}
