package dev.sonora.repl;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sonora.repl.lang.Output;

/**
 * The front end's output, re-pointable: plain streams at start-up, the REPL's
 * print-above-the-prompt once the terminal is up. Counts errors, so {@code --render} and
 * {@code --no-repl} can exit non-zero after a script error in a callback. Any thread.
 */
final class RoutedOutput implements Output {
    private volatile Output target;
    private final AtomicInteger errors = new AtomicInteger();

    RoutedOutput(PrintStream out, PrintStream err) {
        this.target = Output.of(out, err);
    }

    void route(Output o) {
        target = o;
    }

    int errors() {
        return errors.get();
    }

    @Override
    public void out(String text) {
        target.out(text);
    }

    @Override
    public void err(String text) {
        errors.incrementAndGet();
        target.err(text);
    }
}
