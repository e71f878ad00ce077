package dev.sonora.repl.run;

import dev.sonora.server.ServerOptions;
import dev.sonora.server.Warmup;

/**
 * Runs the server's kernel warm-up ({@link Warmup}) at boot. It is an optimisation: if it
 * fails, say so in one line and carry on cold rather than refuse to start. Controlling thread.
 */
public final class WarmKernels {
    static final int BLOCKS = 400;

    private WarmKernels() {
    }

    public static void run(ServerOptions options) {
        try {
            Warmup.run(options, BLOCKS);
        } catch (RuntimeException e) {
            if (System.getenv("SONORA_DEBUG") != null) e.printStackTrace();
            // a start-up diagnostic, not a script error: it must not fail a render
            System.err.println("sonora: kernel warm-up failed (" + e + "); starting cold");
        }
    }
}
