package dev.sonora.repl;

/**
 * {@code ./sonora}: the command line documented in docs/api.md. The launcher script runs this class; all the
 * work is in {@link Cli} so tests can drive it without exiting the JVM.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new Cli(System.in, System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
