package dev.sonora.repl.lang;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerListener;

/**
 * The one GraalJS context, its prelude (the live-coding API) and everything that evaluates
 * user code in it: REPL lines, script files, reloads. Created on, and used only from, the
 * Lang thread ({@link LangLoop}); {@link #interrupt} is the one method for other threads.
 *
 * <p>The context is a sandbox: host access only to {@link HostAccess.Export} members (the
 * {@link Bridge}), no host class lookup, no Polyglot object, no file system, processes, threads, native access,
 * environment or other languages. Scripts read files only through {@code load}/{@code watch}.
 *
 * <p>The prelude is a set of ES modules, resources {@code prelude/NAME.mjs}, one per topic of the
 * API; each imports what it uses from the others ({@code import { B } from './bridge.mjs'}).
 * With no file system the engine cannot fetch a module, so this class evaluates them itself, each
 * after those it imports ({@link #MODULES} with the context, the rest on first use: see
 * {@link PendingModule}), each as an internal source whose
 * URL is its identity in the engine's module map: an import of a module already evaluated finds
 * it there and reads nothing. The URLs name no real file and carry a random part made per
 * context, so a script's {@code import()} can reach neither a file nor the prelude's internals.
 * A module with a Java side exports {@code connect(bridgeObject)}, called once it has loaded.
 */
public final class JsHost implements AutoCloseable {
    /**
     * The prelude's modules evaluated with the context, in load order: each imports only modules
     * before it (one that imports a module not loaded yet stops the start with "the prelude failed:
     * ... Socket IO is not allowed": the engine tried to fetch it). They are what every line needs:
     * how results print, how the API is published, and the sandbox's edges.
     */
    static final List<String> MODULES = List.of("builtins", "bridge", "api", "show", "sandbox");
    /**
     * The core API's other topics, evaluated on first use like the extensions ({@link Extensions}:
     * time, samples, midi, ...), in the order the Lang thread loads them when idle (each after
     * what it imports).
     */
    static final List<String> DEFERRED_CORE = List.of("buses", "signals", "synths", "helpers", "files", "status",
            "help", "handlers");
    private static final String MODULE_MIME_TYPE = "application/javascript+module";
    static final long BACKGROUND_LOAD_DELAY_MS = 500;

    private final Context context;
    private final Bridge bridge;
    private final LangLoop lang;
    private final Output output;
    private final FileWatcher watcher;
    /** A file being evaluated (absolute), and which run of a file it is (see {@link #loadingRun}). */
    private record Loading(Path file, long run) {
    }

    // innermost first: its folder resolves relative paths, and a file already here is a load that would never end
    private final Deque<Loading> loading = new ArrayDeque<>();
    private long runs;
    private final Value show;
    private final Value names;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, PendingModule> pending = new LinkedHashMap<>(); // every deferred module, in load order
    private final Map<String, PendingModule> globalOwners = new HashMap<>(); // each deferred module's global names
    private String moduleRoot;
    private volatile int modulesLoading; // deferred modules being evaluated now (nested: imports); written by Lang
    private int replLines;
    private volatile String interruptReason; // why the running evaluation is being interrupted (HeapWatch), or null
    private final Value callerFrame; // api.mjs callerFrame(): callerFolder()
    private volatile long evalStartedMillis; // when the running top-level evaluation began; 0 between them

    private JsHost(Server server, LangLoop lang, Output output, Extensions extensionList) {
        this.lang = lang;
        this.output = output;
        this.bridge = new Bridge(server, lang, output);
        bridge.attach(this);
        this.watcher = new FileWatcher(path -> lang.post(() -> lang.runStep(() -> reload(path))));
        StartTrace.mark("JS host: begins");
        this.context = newContext();
        StartTrace.mark("JS host: context built");
        try {
            // where the modules live in the engine's module map (see the class comment); the random
            // part need only be unknown to scripts, which never see it
            String root = "jar:file:/sonora-prelude-" + Long.toHexString(new SplittableRandom().nextLong()) + ".jar!/";
            Map<String, Value> loaded = new HashMap<>();
            for (String name : MODULES) {
                Value module = loadModule(root, name);
                // the bridge before the modules after it, which call it as they load
                if (name.equals("bridge")) module.invokeMember("connect", bridge);
                loaded.put(name, module);
                StartTrace.mark("JS host: module " + name);
            }
            this.moduleRoot = root;
            List<String> deferred = new ArrayList<>(DEFERRED_CORE);
            deferred.addAll(extensionList.all().keySet());
            for (String name : DEFERRED_CORE) pending.put(name, new PendingModule(name, null, moduleText(name), deferred));
            // the unit functions (sine, saw, ...) are globals signals.mjs makes from the registry, not from its text
            pending.get("signals").globals.addAll(UnitGlobals.functions(server.units()));
            for (var ext : extensionList.all().entrySet()) {
                // each extension's Java side now (cheap); its module on first use
                Object bridgeObject = ext.getValue().create(server, lang, output, this);
                extensions.put(ext.getKey(), bridgeObject);
                pending.put(ext.getKey(), new PendingModule(ext.getKey(), bridgeObject, moduleText(ext.getKey()), deferred));
            }
            Value api = loaded.get("api");
            List<Object> lazyNames = new ArrayList<>();
            for (PendingModule p : pending.values()) {
                for (String g : p.globals) {
                    if (globalOwners.putIfAbsent(g, p) == null) lazyNames.add(g);
                }
            }
            // one call for all of them: each crossing into JavaScript costs the start time
            api.invokeMember("lazyApi", ProxyArray.fromList(lazyNames), (ProxyExecutable) args -> {
                loadOnFirstUse(globalOwners.get(args[0].asString()).name);
                return null;
            });
            api.invokeMember("setLoadAll", (ProxyExecutable) args -> {
                loadAllModules();
                return null;
            });
            StartTrace.mark("JS host: extensions settled");
            this.show = loaded.get("show").getMember("showResult");
            this.callerFrame = api.getMember("callerFrame");
            this.names = api.getMember("completionNames");
        } catch (PolyglotException e) {
            throw new IllegalStateException("the prelude failed: " + ErrorReport.format(e) + " " + e.getMessage(), e);
        }
        server.addListener(new ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
                bridge.nodeEndedOnNrt(node);
            }

            @Override
            public void error(String message) {
                if (bridge.quietAfterHush(message)) return; // what a hush means, not a mistake
                output.err("server: " + message);
            }

            @Override
            public void info(String message) {
                output.out("server: " + message); // e.g. a synth pool grew: news, not a failure
            }
        });
    }

    /**
     * Evaluates a deferred module (after the deferred modules it imports) and connects an
     * extension to its Java side, unless it has been already; then the extensions that have no
     * globals of their own and only extend this one (midiout adds to midi's object) follow it.
     * Lang thread: the lazy globals call it from inside a script's evaluation (a nested evaluation
     * of the module).
     */
    private void loadOnFirstUse(String name) {
        PendingModule p = pending.get(name);
        if (p == null) return;
        if (p.state == PendingModule.FAILED) {
            throw new IllegalStateException("the '" + name + "' part of the API failed or was stopped while it loaded; restart Sonora to use it");
        }
        if (p.state != PendingModule.WAITING) return; // loaded, or loading (its imports)
        p.state = PendingModule.LOADING;
        modulesLoading++;
        try {
            for (String d : p.imports) loadOnFirstUse(d);
            Value exports = evalModule(moduleRoot, name, p.text);
            if (p.isExtension()) exports.invokeMember("connect", p.bridge);
        } catch (RuntimeException e) {
            // an interrupted module stays broken in the engine's module map (its importers fail too)
            p.state = PendingModule.FAILED;
            throw e;
        } finally {
            modulesLoading--;
        }
        p.state = PendingModule.LOADED;
        StartTrace.mark("JS host: module " + name);
        if (p.bridge instanceof Extensions.Settling s) s.settle();
        if (!p.isExtension()) return;
        for (PendingModule f : pending.values()) {
            if (f.state == PendingModule.WAITING && f.isExtension() && f.globals.isEmpty() && f.imports.contains(name)) {
                loadOnFirstUse(f.name);
            }
        }
    }

    /**
     * Loads, before {@code text} runs, the deferred modules of the global names it uses
     * ({@link UsedNames}: called, or used as an object). Their first use is then not a module
     * evaluated in the middle of the user's code, after which the engine reports an interrupt (the
     * step watch stopping an endless loop) with no guest frame, so without the user's file:line. A
     * name reached another way ({@code globalThis['sin' + 'e']}, or only passed around) still
     * loads on first use. Lang thread.
     */
    private void loadModulesUsedBy(String text) {
        if (!anyWaiting()) return; // everything loaded: no need to read the text
        for (String name : UsedNames.in(text)) {
            PendingModule owner = globalOwners.get(name);
            if (owner != null && owner.state == PendingModule.WAITING) loadOnFirstUse(owner.name);
        }
    }

    /**
     * Before a render: loads the deferred modules the scripts name ({@link #loadModulesUsedBy}),
     * so that they load while the controlling thread warms the render up instead of after it.
     * A file that cannot be read, or a module that fails, is left to the evaluation to report.
     * Lang thread.
     */
    public void loadModulesFor(List<Path> files, List<String> code) {
        try {
            for (Path f : files) loadModulesUsedBy(Files.readString(f));
            for (String c : code) loadModulesUsedBy(c);
        } catch (IOException | RuntimeException e) {
            // the scripts' own evaluation says what is wrong, with their file and line
        }
    }

    private boolean anyWaiting() {
        for (PendingModule p : pending.values()) {
            if (p.state == PendingModule.WAITING) return true;
        }
        return false;
    }

    /** Loads every deferred module not loaded yet, in their order (help lists every topic). Lang thread. */
    public void loadAllModules() {
        for (String name : pending.keySet()) loadOnFirstUse(name);
    }

    /**
     * Live, once the prompt is up: loads the modules not used yet, one at a time whenever the
     * Lang thread has nothing else to do, so a line typed meanwhile waits for one module at most
     * and a set later never pays for a first use. They begin {@value #BACKGROUND_LOAD_DELAY_MS} ms
     * after the prompt, so that a first line typed or piped at once does not wait for one. Any thread.
     */
    public void loadModulesWhenIdle() {
        CompletableFuture.delayedExecutor(BACKGROUND_LOAD_DELAY_MS, TimeUnit.MILLISECONDS).execute(this::queueBackgroundLoads);
    }

    private void queueBackgroundLoads() {
        for (String name : pending.keySet()) lang.postWhenIdle(() -> {
            try {
                loadOnFirstUse(name);
            } catch (PolyglotException | IllegalStateException e) {
                // an exit stopping it says nothing; anything else is a fault in the prelude
                if (!(e instanceof PolyglotException pe && (pe.isInterrupted() || pe.isCancelled()))) {
                    output.err("sonora: the '" + name + "' module failed to load: " + e.getMessage());
                }
            }
        });
    }

    /** Whether a deferred module has been evaluated (tests). Lang thread. */
    boolean moduleLoaded(String name) {
        PendingModule p = pending.get(name);
        return p != null && p.state == PendingModule.LOADED;
    }

    /** The prelude's bridge, for the extensions' Java sides that need it before their module loads (the clock). */
    public Bridge bridge() {
        return bridge;
    }

    /**
     * The Java side of an extension already made ({@link Extensions}: "time", ...), or null; one
     * extension that builds on another (ndef on the clock) asks here. Lang thread.
     */
    public Object extension(String name) {
        return extensions.get(name);
    }

    /**
     * Builds the context and runs the prelude: the core modules, then each of {@code extensions}
     * in order (the session passes {@code Features.all()}). Lang thread only.
     */
    public static JsHost create(Server server, LangLoop lang, Output output, Extensions extensions) {
        if (!lang.onLangThread()) throw new IllegalStateException("JsHost must be created on the Lang thread");
        return new JsHost(server, lang, output, extensions);
    }

    private static Context newContext() {
        Engine engine = JsEngine.take();
        HostAccess access = HostAccess.newBuilder(HostAccess.EXPLICIT).build();
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(access)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .option("js.esm-eval-returns-exports", "true") // evaluating a module gives its exports
                .build();
    }

    /** Evaluates the prelude module {@code prelude/NAME.mjs}; returns its exports. */
    private Value loadModule(String root, String name) {
        return evalModule(root, name, moduleText(name));
    }

    /** Evaluates {@code text} as the prelude module {@code prelude/NAME.mjs}; returns its exports. */
    private Value evalModule(String root, String name, String text) {
        String file = name + ".mjs";
        try {
            Source source = Source.newBuilder("js", URI.create(root + file).toURL()).content(text)
                    .name("sonora:prelude/" + file).mimeType(MODULE_MIME_TYPE).internal(true).build();
            return context.eval(source);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prelude/" + file, e);
        }
    }

    /** The text of {@code prelude/NAME.mjs}. */
    static String moduleText(String name) {
        String file = name + ".mjs";
        try (InputStream in = JsHost.class.getResourceAsStream("prelude/" + file)) {
            if (in == null) throw new IllegalStateException("missing resource prelude/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prelude/" + file, e);
        }
    }

    // ---- evaluation (Lang thread) ----

    /**
     * Evaluates one REPL entry; returns what to print (null for undefined). Lines are counted
     * across the session, so errors say {@code <repl>:N} with N the session's line number.
     */
    public String evalRepl(String code) {
        int first = replLines + 1;
        replLines += (int) code.lines().count();
        if (code.isBlank()) return null;
        // blank lines in front put every line of this entry at its session line number
        String text = "\n".repeat(first - 1) + SourceRewriter.rewrite(code);
        Value v = eval(Source.newBuilder("js", text, "<repl>").cached(false).buildLiteral(), "<repl>:" + first);
        return display(v);
    }

    /** Evaluates code given on the command line or by a test, named {@code name} in errors. */
    public String evalCode(String code, String name) {
        return display(eval(Source.newBuilder("js", SourceRewriter.rewrite(code), name).cached(false).buildLiteral(), name));
    }

    /** Loads a script file (top-level call: REPL startup, render, reload). */
    public void evalFile(Path file) {
        interruptReason = null;
        evalStartedMillis = System.currentTimeMillis();
        try {
            evalFileNested(file);
        } catch (PolyglotException e) {
            throw userError(e, displayName(file));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (OutOfMemoryError e) {
            throw outOfMemory(displayName(file));
        } finally {
            evalStartedMillis = 0;
        }
    }

    /** {@code where} names the evaluation when an error carries no place of its own (a heap exhausted outside any JS frame). */
    private Value eval(Source s, String where) {
        interruptReason = null;
        evalStartedMillis = System.currentTimeMillis();
        try {
            loadModulesUsedBy(s.getCharacters().toString());
            return context.eval(s);
        } catch (PolyglotException e) {
            throw userError(e, where);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(where);
        } finally {
            evalStartedMillis = 0;
        }
    }

    /** When the running top-level evaluation began (0: none; a callback may be running). Any thread. */
    long evalStartedMillis() {
        return evalStartedMillis;
    }

    /**
     * The user's error line; an evaluation interrupted for a reason (the heap watch) says that
     * reason at its file:line, or at {@code where} when the engine gave no guest frame (an
     * exhausted heap can surface before any JS frame is on the stack).
     */
    private UserError userError(PolyglotException e, String where) {
        String why = interruptReason;
        if (e.isResourceExhausted() && why == null && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("stack overflow")) {
            // the engine's own stack, not the heap: an expression nested thousands deep, read or run
            return new UserError(ErrorReport.withLocation(e, where, "nested too deeply: the engine's stack overflowed reading or running it"
                    + " and it was stopped; the music plays on (split it into smaller parts)"));
        }
        if (e.isResourceExhausted() || (why != null && (e.isInterrupted() || e.isCancelled()))) {
            interruptReason = null;
            reclaim();
            return new UserError(ErrorReport.withLocation(e, where, why != null ? why : outOfMemory(null).getMessage()));
        }
        return ErrorReport.toUserError(e);
    }

    /**
     * What the stopped evaluation held is garbage now; collect it here, on Lang, before the next
     * line runs, or the heap watch would see the same full heap again and stop that line too.
     */
    private static void reclaim() {
        System.gc();
    }

    private static UserError outOfMemory(String where) {
        reclaim();
        // the error itself freed what the evaluation held: the heap is usable again
        String line = "out of memory in your code: it asked for more than the heap holds (" + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB) and was stopped; the music plays on (keep less in memory, or give Java more: SONORA_JAVA_OPTS=-Xmx2g)";
        return new UserError(where == null ? line : where + ": " + line);
    }

    private void evalFileNested(Path file) {
        String shown = displayName(file);
        // only scripts: any other file's first token would be quoted back in a syntax error
        PathKind.requireFile(file, shown, "load", "script");
        if (!isScript(file)) {
            throw new IllegalArgumentException("load: '" + shown + "' is not a script (Sonora loads .js and .mjs files)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("load: cannot read '" + shown + "': not a text file (not UTF-8 text)");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("load: cannot read '" + shown + "': permission denied");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("load: cannot read '" + shown + "': no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("load: cannot read '" + shown + "'" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        Path same = file.toAbsolutePath().normalize();
        for (Loading l : loading) {
            // a file that loads itself, directly or through others, would recurse until the stack
            // overflows, and an overflow inside the JDK's own code can leave it broken for the session
            if (sameFile(l.file(), same)) {
                throw new IllegalArgumentException("load: '" + shown + "' is already being loaded"
                        + (l == loading.peek() ? " (it loads itself)" : " (by a file it loads)") + "; a load that never ends is refused");
            }
        }
        loading.push(new Loading(same, ++runs));
        try {
            String code = SourceRewriter.rewrite(text);
            loadModulesUsedBy(code);
            context.eval(Source.newBuilder("js", code, displayName(file)).cached(false).buildLiteral());
        } finally {
            loading.pop();
        }
    }

    /** The file being run now (the innermost load), or null at the prompt: what a run of a file keeps across runs. Lang thread. */
    String loadingFile() {
        Loading l = loading.peek();
        return l == null ? null : l.file().toString();
    }

    /** A number for this run of {@link #loadingFile()}, new each time any file starts to run (0 at the prompt). Lang thread. */
    long loadingRun() {
        Loading l = loading.peek();
        return l == null ? 0 : l.run();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.equals(b) || Files.isSameFile(a, b); // through a symlink or another spelling too
        } catch (IOException e) {
            return false;
        }
    }

    private static String displayName(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /**
     * A file path as a script gave it: relative to the script doing the loading, else to the working
     * folder. Refuses (one line, {@link PathKind}) anything but a readable file; {@code wanted} names
     * what the caller reads ("script", "sound file", "MIDI file").
     */
    public Path resolve(String path, String what, String wanted) {
        if (path == null || path.isBlank()) {
            String example = switch (wanted) {
                case "script" -> "set.js";
                case "MIDI file" -> "song.mid";
                default -> "kick.wav"; // a sound file
            };
            throw new IllegalArgumentException(what + ": which file? e.g. " + what + "('" + example + "')");
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            Path base = !loading.isEmpty() ? loading.peek().file().getParent() : callerFolder();
            if (base != null) p = PathKind.onDisk(base).resolve(p);
        }
        p = p.toAbsolutePath().normalize();
        PathKind.requireFile(p, path, what, wanted);
        if (wanted.equals("script") && !isScript(p)) {
            throw new IllegalArgumentException(what + ": '" + path + "' is not a script (Sonora loads .js and .mjs files)");
        }
        return p;
    }

    /**
     * The folder of the script whose code is running now, found on the JS stack: a loop body, an
     * at() callback or a handler a file defined runs after the file has loaded, and its
     * buffer('kick.wav') means the file's folder as it did at the top level. Null (the working
     * folder) for a line at the prompt, or when the stack cannot tell.
     */
    private Path callerFolder() {
        try {
            Value frame = callerFrame.execute(); // api.mjs: the stack as the prelude reads it for handlers too
            Value file = frame.isNull() ? null : frame.getMember("file");
            if (file == null || !file.isString()) return null;
            Path f = Path.of(file.asString()).toAbsolutePath().normalize();
            return Files.isRegularFile(f) ? f.getParent() : null;
        } catch (RuntimeException e) {
            return null; // a script that broke the builtins it uses: the working folder, as before
        }
    }


    private static boolean isScript(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return name.endsWith(".js") || name.endsWith(".mjs");
    }

    void loadFromScript(String path) {
        evalFileNested(resolve(path, "load", "script"));
    }

    String watchFromScript(String path) {
        Path p = resolve(path, "watch", "script");
        evalFileNested(p);
        watcher.add(p);
        return displayName(p);
    }

    boolean unwatch(String path) {
        return watcher.remove(Path.of(path).toAbsolutePath().normalize());
    }

    private void reload(Path file) {
        long started = System.nanoTime();
        try {
            evalFile(file);
            output.out("reloaded " + displayName(file));
        } catch (UserError e) {
            // a file that does not parse ran nothing; one that failed as it ran (a file it loads that does
            // not parse included) has run what came before
            // and one that could not be read at all (deleted, or a folder saved in its place) has no line to name
            boolean ranNothing = e.getMessage().startsWith(displayName(file) + ":") && e.getMessage().contains(": SyntaxError: ")
                    || !Files.isRegularFile(file);
            output.err(e.getMessage() + (ranNothing ? " (kept the previous version)" : " (the lines before it ran; the rest did not)"));
        } catch (IllegalArgumentException e) {
            output.err(e.getMessage());
        } finally {
            lang.heldWork("reloading " + displayName(file), started);
        }
    }

    /** Reports an error from a callback ({@code context}: "in an onEnd callback") without stopping anything. */
    void report(PolyglotException e, String context) {
        UserError u = ErrorReport.toUserError(e);
        output.err(u.getMessage() + " (" + context + ")");
    }

    private String display(Value v) {
        try {
            Value s = show.execute(v);
            return s.isNull() ? null : s.asString();
        } catch (PolyglotException e) {
            throw userError(e, null); // e.g. interrupted while showing a huge value: one line, as for the evaluation
        }
    }

    /** API names and defined synths for tab completion. Lang thread only. */
    public List<String> completionNames() {
        Value arr = names.execute();
        List<String> out = new java.util.ArrayList<>();
        for (long i = 0; i < arr.getArraySize(); i++) out.add(arr.getArrayElement(i).asString());
        return out;
    }

    /** Stops the running evaluation, whose error line then says {@code reason}. Any thread but Lang. */
    public void interrupt(String reason) {
        if (lang.onLangThread()) return;
        interruptReason = reason;
        interrupt();
    }

    /** Stops the evaluation running on the Lang thread (Ctrl-C). Any thread but Lang; the context stays usable. */
    public void interrupt() {
        if (lang.onLangThread()) return;
        // a module being loaded (a first use, or the loads after the prompt) is not stopped halfway:
        // it would stay broken in the engine's module map. They take well under a second.
        for (long end = System.nanoTime() + 2_000_000_000L; modulesLoading > 0 && System.nanoTime() < end; ) {
            LockSupport.parkNanos(1_000_000L);
        }
        try {
            context.interrupt(Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            output.err("could not interrupt the running code within 2 s");
        } catch (IllegalStateException e) {
            // nothing running or context closed: nothing to interrupt
        }
    }

    /** Whether a script waits on a node's end ({@code onEnd}): then every block counts. Lang thread. */
    public boolean waitsOnNodeEnds() {
        return bridge.waitsOnNodeEnds();
    }

    /** An extension's bridge object by name (e.g. the renderer drives MIDI files), or null. */
    public <T> T extension(String name, Class<T> type) {
        Object o = extensions.get(name);
        return type.isInstance(o) ? type.cast(o) : null;
    }

    public LangLoop lang() {
        return lang;
    }

    @Override
    public void close() {
        watcher.close();
        for (Object ext : extensions.values()) {
            if (ext instanceof AutoCloseable c) {
                try {
                    c.close(); // e.g. MIDI inputs, which must not stay open after the session
                } catch (Exception e) {
                    // closing on exit: nothing left to report to
                }
            }
        }
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // closing on exit: nothing left to report to
        }
    }
}
