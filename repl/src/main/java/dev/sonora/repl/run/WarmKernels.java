package dev.sonora.repl.run;

import java.util.Locale;

import dev.sonora.repl.lang.StartTrace;
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

    /** Before a render: every kernel compiled (a late compilation there costs only time). */
    public static void run(ServerOptions options) {
        run(options, false);
    }

    /** Before live audio: every kernel compiled with the paths a set takes ({@link Warmup#run(ServerOptions, int, boolean)}). */
    public static void forStage(ServerOptions options) {
        run(options, true);
    }

    private static void run(ServerOptions options, boolean forStage) {
        StartTrace.mark("kernel warm-up begins");
        try {
            long nanos = Warmup.run(options, BLOCKS, forStage);
            StartTrace.mark(String.format(Locale.ROOT, "kernels warmed in %.2f s", nanos / 1e9));
        } catch (RuntimeException e) {
            if (System.getenv("SONORA_DEBUG") != null) e.printStackTrace();
            // a start-up diagnostic, not a script error: it must not fail a render
            System.err.println("sonora: kernel warm-up failed (" + e + "); starting cold");
        }
    }
}
