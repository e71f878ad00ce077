package dev.sonora.repl.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Extensions;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.PathKind;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.buffer.BufferRef;
import dev.sonora.server.stream.DiskStream;

/**
 * The Java side of the prelude module {@code samples.mjs} (handed to its {@code connect}): sample
 * banks, buffers, recording and streaming. Lang thread only; load completions are posted back
 * to the Lang loop. Errors reach JS as one line.
 */
public final class SamplesBridge implements Extensions.Settling {
    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final JsHost host;
    private final SampleLibrary library;
    // buffer(path) by file: asked again (a file saved and run again, a call in a loop body) it is the
    // same slot, loaded again into that slot only when the file changed; before, every call took a slot
    private final java.util.Map<Path, Loaded> buffersByFile = new java.util.HashMap<>(); // Lang thread

    private record Loaded(BufferRef ref, FileStamp stamp) {
    }
    private SampleLibrary.Loading kitLoading; // Lang thread: the default kit, until settle() has waited for it
    private CompletableFuture<Long> kitFinished; // when it finished (System.nanoTime)
    private long kitStarted;

    public SamplesBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.host = host;
        this.library = SampleLibrary.of(server);
        server.recordings().onMessages(m -> output.out(m), m -> output.err(m));
        Path kit = SampleLibrary.defaultFolder();
        if (java.nio.file.Files.isDirectory(kit)) {
            kitStarted = System.nanoTime();
            kitLoading = library.addFolder(kit, output::err); // decodes on the Disk thread while the prelude loads on
            kitFinished = finishTime(kitLoading);
        }
    }

    /**
     * The kit is small (about 0.1 s): let it finish before the prompt, so its progress line prints
     * before it instead of across a line being typed; it decoded while the other extensions
     * loaded. On a slow disk the prompt does not wait more than 2 s and the line comes later.
     */
    @Override
    public void settle() {
        SampleLibrary.Loading l = kitLoading;
        if (l == null) return;
        kitLoading = null;
        try {
            l.done().get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // still loading (or a file failed, reported on its own line): carry on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportWhenLoaded(l, kitStarted, kitFinished, " from " + SampleLibrary.defaultFolder());
    }

    private SampleLibrary.Loading loadFolder(Path folder) {
        long t0 = System.nanoTime();
        SampleLibrary.Loading l = library.addFolder(folder, output::err);
        reportWhenLoaded(l, t0, finishTime(l), "");
        return l;
    }

    /**
     * When {@code l} finishes, taken as it finishes: the kit's line prints only once the samples
     * module has loaded (in the background, seconds after the prompt when no script names it), and
     * timed at the print it said "loaded in 3.3 s" for a kit decoded in a tenth of that.
     */
    private static CompletableFuture<Long> finishTime(SampleLibrary.Loading l) {
        return l.done().handle((ok, failed) -> System.nanoTime());
    }

    /** One progress line: now if the loading is done (on this thread), else when it is. */
    private void reportWhenLoaded(SampleLibrary.Loading l, long t0, CompletableFuture<Long> finished, String where) {
        // a stage already done runs its action at once, on this thread
        String banks = String.join(", ", l.banks());
        if (l.unchanged() == l.files()) { // the folder again, nothing edited: nothing was loaded
            output.out(String.format(Locale.ROOT, "samples: %d files in %d banks (%s), none changed%s", l.files(), l.banks().size(), banks, where));
            return;
        }
        String kept = l.unchanged() == 0 ? "" : ", " + (l.files() - l.unchanged()) + " changed";
        finished.thenAccept(t1 -> output.out(String.format(Locale.ROOT, "samples: %d files in %d banks (%s) loaded in %.2f s%s%s",
                l.files(), l.banks().size(), banks, (t1 - t0) / 1e9, kept, where)));
    }

    private static IllegalArgumentException oneLine(ServerException e) {
        return new IllegalArgumentException(e.getMessage());
    }

    /** {slot, channels, ready, failed, file} of file n of a bank; throws for an unknown bank. */
    @HostAccess.Export
    public ProxyObject resolve(String bank, int n) {
        try {
            SampleLibrary.Entry e = library.entry(bank, n);
            int channels = e.ready() ? e.current().ready().join().channels() : 1;
            return JsValues.object("slot", e.ref().slot(), "channels", channels, "ready", e.ready(),
                    "failed", e.failed(), "file", e.path().toString());
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    /** Calls {@code fn(channels, secondsLate)} on the Lang loop once file n of the bank has loaded; reports a failure in one line. */
    @HostAccess.Export
    public void whenReady(String bank, int n, Value fn) {
        SampleLibrary.Entry e = library.entry(bank, n);
        long asked = System.nanoTime();
        e.ref().ready().whenComplete((b, t) -> lang.post(() -> {
            if (t != null) {
                output.err("sample('" + bank + "'): " + rootMessage(t));
                return;
            }
            double late = (System.nanoTime() - asked) / 1e9;
            try {
                fn.executeVoid(b.channels(), late);
            } catch (RuntimeException x) {
                output.err("sample('" + bank + "'): " + x.getMessage());
            }
        }));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) t = t.getCause();
        return t.getMessage();
    }

    /** Starts loading a sound file; returns {slot, name}. A missing or undecodable file throws one line now. */
    @HostAccess.Export
    public ProxyObject load(String path) {
        Path p = host.resolve(path, "buffer", "sound file");
        Path key = PathKind.onDisk(p); // a link to a file loaded already is that file
        try {
            FileStamp stamp = FileStamp.of(p);
            Loaded before = buffersByFile.get(key);
            boolean usable = before != null && !before.ref().ready().isCompletedExceptionally();
            if (before != null && stamp.sameAs(before.stamp())) {
                // unchanged: the same slot, or, for a file that failed, its one line again without decoding it again
                if (usable) return JsValues.object("slot", before.ref().slot(), "name", before.ref().name());
                throw new IllegalArgumentException(rootMessage(before.ref().ready().exceptionNow()));
            }
            int slot = usable ? before.ref().slot() : -1;
            // a render waits for the load and throws its failure to the script, which may catch it: then the
            // server must not say it as well (an error line fails a render)
            BufferRef ref = library.waitsForLoads() ? server.loadBufferAwaited(p, slot) : server.loadBuffer(p, slot);
            buffersByFile.put(key, new Loaded(ref, stamp));
            if (library.waitsForLoads()) {
                try {
                    ref.ready().join();
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(rootMessage(e));
                }
            }
            return JsValues.object("slot", ref.slot(), "name", ref.name());
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    /** 'loading', 'ready' or 'failed' for a buffer slot. */
    @HostAccess.Export
    public String state(int slot) {
        return server.buffers().current(slot) != null ? "ready" : "loading";
    }

    /** Adds a folder of banks; returns the bank names. */
    @HostAccess.Export
    public ProxyArray addFolder(String path) {
        try {
            Path folder = plain(path, "samples", "folder", "samples('my-kit')");
            PathKind.requireFolder(folder, path, "samples");
            SampleLibrary.Loading l = loadFolder(folder);
            if (library.waitsForLoads()) l.done().join();
            return JsValues.list(l.banks());
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    @HostAccess.Export
    public ProxyArray banks() {
        return JsValues.list(library.bankNames());
    }

    @HostAccess.Export
    public String record(String path, int bits, boolean force) {
        Path p = plain(path, "record", "file", "record('take.wav')");
        // a pipe or a device is refused by what it is: opened to write here, a pipe would wait for a reader
        String special = PathKind.special(p);
        if (special != null) throw new IllegalArgumentException("record: '" + path + "' is " + special + ", not a WAV file");
        // a typo must not cost a set: a script, a text, anything but an earlier take is kept (as --record keeps it)
        if (!force && Files.isRegularFile(p) && !PathKind.wavOrEmpty(p)) {
            throw new IllegalArgumentException("record: '" + path + "' exists and is not a WAV; refusing to overwrite it"
                    + " (another name, or record('" + path + "', {force: true}))");
        }
        // written over, the file a stream plays ended that stream without a word
        if (server.streams().reads(p)) {
            throw new IllegalArgumentException("record: '" + path + "' is playing as a stream; record to another file");
        }
        // a take is a WAV: x.mp3 or a name with no extension held WAV data under a name that says otherwise
        if (!force && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            throw new IllegalArgumentException("record: '" + path + "': a take is a WAV file; name it something.wav"
                    + " (or record('" + path + "', {force: true}))");
        }
        try {
            server.recordings().start(p, bits);
            return p.toString();
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    @HostAccess.Export
    public String stopRecording() {
        try {
            var r = server.recordings().stop();
            return r == null ? null : r.path().toString();
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    /** Opens a file for streaming; returns the stream id (for diskin). */
    @HostAccess.Export
    public int openStream(String path, boolean loop) {
        Path p = host.resolve(path, "stream", "sound file");
        try {
            DiskStream s = server.streams().open(p, loop);
            if (library.waitsForLoads()) server.catchUpDisk();
            return s.id();
        } catch (ServerException e) {
            throw oneLine(e);
        }
    }

    /** Closes a stream whose synth could not be started. */
    @HostAccess.Export
    public void closeStream(int id) {
        server.streams().close(id);
    }

    /** A path for a file that need not exist yet (record) or a folder: relative to the working folder. */
    private static Path plain(String path, String what, String kind, String example) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException(what + ": which " + kind + "? e.g. " + example);
        return Path.of(path).toAbsolutePath().normalize();
    }
}
