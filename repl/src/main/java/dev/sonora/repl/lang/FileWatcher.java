package dev.sonora.repl.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches script files for saves and hands each change to a callback (which posts the
 * reload to the Lang loop). It polls modification time and size: simple, and it sees every
 * editor's way of saving (in place, or write-new-and-rename). Runs on its own
 * {@code sonora-watch} thread (an Input context: it never runs JS); any thread may add or
 * remove files.
 */
public final class FileWatcher implements AutoCloseable {
    private static final long POLL_MILLIS = 250;

    private record Stamp(long modified, long size) { }

    private final Map<Path, Stamp> files = new ConcurrentHashMap<>();
    private final Consumer<Path> onChange;
    private volatile Thread thread;
    private volatile boolean stopping;

    public FileWatcher(Consumer<Path> onChange) {
        this.onChange = onChange;
    }

    public synchronized void add(Path file) {
        files.put(file, stamp(file));
        if (thread == null) {
            Thread t = new Thread(this::loop, "sonora-watch");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    public boolean remove(Path file) {
        return files.remove(file) != null;
    }

    private void loop() {
        while (!stopping) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<Path, Stamp> e : files.entrySet()) {
                Stamp now = stamp(e.getKey());
                // a missing file (mid-rename) is not a change: wait until it is back
                if (now.modified() >= 0 && !now.equals(e.getValue())) {
                    files.replace(e.getKey(), now);
                    onChange.accept(e.getKey());
                }
            }
        }
    }

    private static Stamp stamp(Path p) {
        try {
            return new Stamp(Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.MICROSECONDS), Files.size(p));
        } catch (IOException e) {
            return new Stamp(-1, -1);
        }
    }

    @Override
    public void close() {
        stopping = true;
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
