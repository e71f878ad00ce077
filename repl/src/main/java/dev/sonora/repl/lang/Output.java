package dev.sonora.repl.lang;

import java.io.PrintStream;

/**
 * Where the front end prints: console output and one-line error reports. The REPL installs
 * one that prints above the prompt line. Any thread (implementations are thread-safe).
 */
public interface Output {
    void out(String text);

    void err(String text);

    /** Plain streams, as used by {@code --render} and {@code --no-repl}. */
    static Output of(PrintStream out, PrintStream err) {
        return new Output() {
            @Override
            public void out(String text) {
                out.println(text);
                out.flush();
            }

            @Override
            public void err(String text) {
                err.println(text);
                err.flush();
            }
        };
    }
}
