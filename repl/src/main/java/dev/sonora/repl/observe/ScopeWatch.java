package dev.sonora.repl.observe;

import java.util.Locale;

import dev.sonora.repl.lang.Output;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.observe.ScopeTap;

/**
 * A scope: each frame its tap hands over (the last 50 ms) is printed as braille, left channel
 * above right, under a title line with the time. Lang thread only.
 */
final class ScopeWatch extends Watch {
    static final int COLUMNS = 60;
    static final int ROWS = 3;

    private final ScopeTap tap;
    private final Output output;
    private final Server server; // the time origin and rate: seconds of output, as the file (a render) counts them
    private final float[] left;
    private final float[] right;

    ScopeWatch(int slot, String label, NodeRef node, ScopeTap tap, Server server, Output output) {
        super(slot, label, node);
        this.tap = tap;
        this.output = output;
        this.server = server;
        this.left = new float[tap.length()];
        this.right = new float[tap.length()];
    }

    @Override
    boolean poll() {
        long end = tap.takeFrame(left, right);
        if (end >= 0) output.out(frame(label, left, right, server.secondsAt(end), (double) tap.length() / server.sampleRate()));
        return true;
    }

    /** The printed frame: a title, then the left and right channels. */
    static String frame(String label, float[] left, float[] right, double endSeconds, double spanSeconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "scope %s: %.0f ms to %.2f s, ±1",
                label, spanSeconds * 1000, endSeconds));
        for (String line : Braille.draw(left, COLUMNS, ROWS)) sb.append("\nL ").append(line);
        for (String line : Braille.draw(right, COLUMNS, ROWS)) sb.append("\nR ").append(line);
        return sb.toString();
    }

    @Override
    String kind() {
        return "scope";
    }
}
