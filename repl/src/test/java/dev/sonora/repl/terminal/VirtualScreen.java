package dev.sonora.repl.terminal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A terminal as a user sees it: JLine's external terminal (an xterm as far as the REPL can
 * tell) whose output goes through a VT100 emulator ({@link ScreenTerminal}: cursor moves,
 * scroll regions, erases), so a test reads the screen, not the bytes. Keys are typed into its
 * input. Test thread and one pump thread.
 */
final class VirtualScreen implements AutoCloseable {
    final int cols;
    final int rows;
    private final ScreenTerminal screen;
    private final PipedOutputStream keys = new PipedOutputStream();
    final Terminal terminal;
    private final Thread pump;
    final StringBuilder raw = new StringBuilder(); // everything the terminal was sent (debugging a failure)

    VirtualScreen(int cols, int rows) throws IOException {
        this.cols = cols;
        this.rows = rows;
        this.screen = new ScreenTerminal(cols, rows);
        PipedInputStream keysIn = new PipedInputStream(keys, 1 << 16);
        PipedInputStream fromTerminal = new PipedInputStream(1 << 20);
        OutputStream toScreen = new PipedOutputStream(fromTerminal);
        this.terminal = new ExternalTerminal("virtual", "xterm-256color", keysIn, toScreen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(cols, rows));
        pump = new Thread(() -> {
            try (InputStreamReader r = new InputStreamReader(fromTerminal, StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                String carry = "";
                for (int n; (n = r.read(buf)) > 0; ) {
                    String chunk = carry + new String(buf, 0, n);
                    carry = "";
                    if (chunk.endsWith("\u001b")) { // an escape split across reads: finish it next time
                        carry = "\u001b";
                        chunk = chunk.substring(0, chunk.length() - 1);
                    }
                    synchronized (raw) {
                        raw.append(chunk);
                    }
                    feed(chunk);
                }
            } catch (IOException e) {
                // the terminal closed
            }
        }, "virtual-screen");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Feeds the emulator. One correction to make it behave as xterm does: restoring the cursor
     * (ESC 8) also ends a pending line wrap (the state saved with ESC 7 had none), which
     * ScreenTerminal forgets, so a line drawn to the last column (JLine's status bar) would
     * push the next typed character to a new row on its screen, though not on a real terminal.
     */
    private void feed(String chunk) {
        int from = 0;
        for (int at; (at = chunk.indexOf("\u001b8", from)) >= 0; from = at + 2) {
            screen.write(chunk.substring(from, at + 2));
            endPendingWrap();
        }
        screen.write(chunk.substring(from));
    }

    private void endPendingWrap() {
        try {
            Field eol = ScreenTerminal.class.getDeclaredField("eol");
            eol.setAccessible(true);
            synchronized (screen) {
                eol.setBoolean(screen, false);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the emulator changed: " + e);
        }
    }

    void type(String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The screen's rows, as text. */
    String[] lines() {
        return screen.toString().split("\n", -1);
    }

    /** Waits until the screen holds {@code text} (the emulator is behind the terminal by one pipe). */
    boolean await(String text, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (screen.toString().contains(text)) return true;
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        keys.close();
        terminal.close();
    }
}
