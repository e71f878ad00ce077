package dev.sonora.repl.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.buffer.BufferRef;

/**
 * The sample banks of one server: {@code samples/<bank>/<nn>_<name>.wav}, loaded in the
 * background (decoded on the Disk thread). A bank's files are in file-name order; {@code n}
 * wraps around. In an offline render ({@link #waitForLoads}) a lookup waits for its file, so
 * virtual time never passes a sample by. Lang thread, except the completions of loads.
 */
public final class SampleLibrary {
    private static final Map<Server, SampleLibrary> BY_SERVER = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * One file of a bank. {@code previous}: when the bank was loaded again, the load this one
     * replaces in the same slot, or null. Until the new load is in, the slot still holds the old
     * sound, so the file plays at once (the old sound) instead of waiting.
     */
    public record Entry(String bank, Path path, BufferRef ref, BufferRef previous, FileStamp stamp) {
        public boolean ready() {
            return ref.loaded() || previous != null;
        }

        /** The load the slot holds now: the new one once it is in, else the one it replaces. */
        public BufferRef current() {
            return ref.loaded() || previous == null ? ref : previous;
        }

        /** Whether loading failed with nothing to play instead (a failed reload keeps the old sound). */
        public boolean failed() {
            return ref.ready().isCompletedExceptionally() && previous == null;
        }
    }

    private final Server server;
    private final Map<String, List<Entry>> banks = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean waitForLoads;
    // files queued and finished (loaded or failed) since the library was last idle: loading progress
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();

    private SampleLibrary(Server server) {
        this.server = server;
    }

    /** The library of {@code server}. Any thread. */
    public static SampleLibrary of(Server server) {
        return BY_SERVER.computeIfAbsent(server, SampleLibrary::new);
    }

    /** Offline renders: lookups wait for their file to load (deterministic renders). Any thread. */
    public void waitForLoads(boolean wait) {
        waitForLoads = wait;
    }

    public boolean waitsForLoads() {
        return waitForLoads;
    }

    /** Where Sonora's own kit is: -Dsonora.samples, else the launcher's home, else ./samples or ../samples. */
    public static Path defaultFolder() {
        String p = System.getProperty("sonora.samples");
        if (p != null) return Path.of(p);
        String home = System.getProperty("sonora.home");
        if (home != null) return Path.of(home, "samples");
        for (Path c : new Path[] {Path.of("samples"), Path.of("..", "samples")}) {
            if (Files.isDirectory(c)) return c;
        }
        return Path.of("samples");
    }

    static boolean isSound(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && !n.startsWith(".")
                && (n.endsWith(".wav") || n.endsWith(".aif") || n.endsWith(".aiff") || n.endsWith(".wave"));
    }

    /**
     * Adds the banks in {@code folder}: each sub-folder with sound files is a bank named after it;
     * sound files directly inside make a bank named after the folder. Starts loading them all and
     * returns a future that completes when every file is loaded (or failed, reported one line
     * each through {@code problems}). A folder that does not exist throws one line.
     */
    public Loading addFolder(Path folder, Consumer<String> problems) {
        if (!Files.isDirectory(folder)) throw new ServerException("samples: no folder " + folder);
        Map<String, List<Path>> found = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> inner = Files.list(p)) {
                        List<Path> files = inner.filter(SampleLibrary::isSound).sorted().toList();
                        if (!files.isEmpty()) found.put(p.getFileName().toString(), files);
                    }
                } else if (isSound(p)) {
                    found.computeIfAbsent(folder.toAbsolutePath().normalize().getFileName().toString(), k -> new ArrayList<>()).add(p);
                }
            }
        } catch (IOException e) {
            throw new ServerException("samples: cannot read " + folder + " (" + e.getMessage() + ")");
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        int files = 0;
        int unchanged = 0;
        for (var e : found.entrySet()) {
            List<Entry> before = banks.get(e.getKey());
            List<Entry> entries = new ArrayList<>();
            for (Path p : e.getValue()) {
                try {
                    // a bank loaded again (its files edited mid-set): each file goes back into the slot
                    // it had, so reloading every few minutes uses no new slots, and plays the old sound
                    // until the new one is in rather than making the next hit wait for the Disk thread
                    Entry old = before == null ? null : sameFile(before, p);
                    FileStamp stamp = FileStamp.of(p);
                    if (old != null && old.ref().loaded() && stamp.sameAs(old.stamp())) {
                        entries.add(old); // unchanged since it loaded: nothing to do, no Disk-thread backlog
                        files++;
                        unchanged++;
                        continue;
                    }
                    BufferRef ref = old == null ? server.loadBuffer(p) : server.loadBuffer(p, old.ref().slot());
                    BufferRef playable = old == null || !old.ready() ? null : old.current();
                    entries.add(new Entry(e.getKey(), p, ref, playable, stamp));
                    queued.incrementAndGet();
                    all.add(ref.ready().exceptionally(t -> null).whenComplete((v, t) -> finished.incrementAndGet()));
                    files++;
                } catch (ServerException x) {
                    problems.accept("samples: " + x.getMessage());
                }
            }
            if (!entries.isEmpty()) banks.put(e.getKey(), entries);
        }
        return new Loading(new ArrayList<>(found.keySet()), files, unchanged,
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    }

    private static Entry sameFile(List<Entry> entries, Path p) {
        for (Entry e : entries) if (e.path().equals(p)) return e;
        return null;
    }

    /**
     * Files loading now, as {@code {finished, queued}} counted since the library was last idle,
     * or null when nothing is loading (progress lines, the status line). Any thread.
     */
    public int[] loading() {
        int q = queued.get();
        int f = finished.get();
        if (f >= q) return null;
        return new int[] {f, q};
    }

    /** What {@link #addFolder} started: bank names, file count (of which unchanged since they loaded), and when it is all loaded. */
    public record Loading(List<String> banks, int files, int unchanged, CompletableFuture<Void> done) {
    }

    public List<String> bankNames() {
        synchronized (banks) {
            return new ArrayList<>(banks.keySet());
        }
    }

    /** File {@code n} (wrapping) of {@code bank}; an unknown bank throws one line. In a render, waits for it to load. */
    public Entry entry(String bank, int n) {
        List<Entry> files = banks.get(bank);
        if (files == null) {
            List<String> names = bankNames();
            throw new ServerException("sample('" + bank + "'): no bank '" + bank + "' ("
                    + (names.isEmpty() ? "no banks loaded; samples('folder') adds some" : "banks: " + String.join(", ", names)) + ")");
        }
        Entry e = files.get(Math.floorMod(n, files.size()));
        if (waitForLoads && !e.ref().ready().isDone()) {
            try {
                e.ref().ready().join();
            } catch (RuntimeException ignored) {
                // reported where the load failed
            }
        }
        return e;
    }
}
