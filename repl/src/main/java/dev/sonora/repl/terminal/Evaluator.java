package dev.sonora.repl.terminal;

import java.util.Collection;
import java.util.List;

/** What the REPL needs from the language side. Called from the Input (terminal) thread. */
public interface Evaluator {
    /**
     * Evaluates one entry on the Lang loop and waits; returns what to print, or null.
     * Throws {@link dev.sonora.repl.lang.UserError} for a mistake or an interruption.
     */
    String eval(String code);

    /** Stops the running evaluation (Ctrl-C); the music and the JS state stay. */
    void interrupt();

    /** API names (members prefixed with '.'); empty until the JS host is ready. */
    List<String> completionNames();

    /** Names of defined synths. */
    Collection<String> defNames();
}
