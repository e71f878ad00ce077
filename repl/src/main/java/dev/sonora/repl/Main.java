package dev.sonora.repl;

import dev.sonora.repl.lang.JsEngine;
import dev.sonora.repl.lang.StartTrace;
import dev.sonora.repl.run.StartJitPriority;

/**
 * {@code ./sonora}: the command line documented in docs/api.md. The launcher script runs this class; all the
 * work is in {@link Cli} so tests can drive it without exiting the JVM.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        StartTrace.mark("main");
        JsEngine.prestart(); // the JS start is the first line's critical path: begin it first
        StartJitPriority.lower(); // and C2 yields to it until the kernels are warm
        int code = new Cli(System.in, System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
