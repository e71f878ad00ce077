package dev.sonora.repl.run;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Whether a standard stream is a terminal ({@code isatty}, libc through JNA): a progress line
 * updated in place only makes sense there; redirected to a file or a pipe it would be noise.
 * Any thread.
 */
public final class Tty {
    private Tty() {
    }

    private interface CLib extends Library {
        int isatty(int fd);
    }

    /** True when file descriptors 1 (stdout) and 2 (stderr) are both terminals; false when unknown. */
    public static boolean outputIsTerminal() {
        try {
            CLib c = Native.load("c", CLib.class);
            return c.isatty(1) == 1 && c.isatty(2) == 1;
        } catch (Throwable t) {
            return false; // no libc to ask (not Linux or macOS): no progress line
        }
    }
}
