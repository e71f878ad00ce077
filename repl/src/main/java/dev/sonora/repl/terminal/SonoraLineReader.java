package dev.sonora.repl.terminal;

import java.util.Map;

import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader with its lock lent out: the status line draws, and the REPL prints
 * results, while holding the same lock the reader holds when it redraws the line being typed
 * or prints above it, so no two writers interleave their escape sequences. Any thread.
 */
final class SonoraLineReader extends LineReaderImpl {
    SonoraLineReader(Terminal terminal, String appName, Map<String, Object> variables) {
        super(terminal, appName, variables);
    }

    /** Runs {@code r} holding the reader's lock (never while the reader's thread waits for it on us). */
    void underLock(Runnable r) {
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }
}
