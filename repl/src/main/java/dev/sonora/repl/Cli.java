package dev.sonora.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.sonora.repl.lang.HeapWatch;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.StartTrace;
import dev.sonora.repl.lang.StepWatch;
import dev.sonora.repl.lang.UserError;
import dev.sonora.repl.link.LinkBridge;
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.repl.midi.MidiOutBridge;
import dev.sonora.repl.observe.LiveStatusFeed;
import dev.sonora.repl.run.ClipWatch;
import dev.sonora.repl.run.HeapSoftLimit;
import dev.sonora.repl.run.LiveAudio;
import dev.sonora.repl.run.OfflineRender;
import dev.sonora.repl.run.ProgressLine;
import dev.sonora.repl.run.Tty;
import dev.sonora.repl.samples.SampleLibrary;
import dev.sonora.repl.run.RenderStop;
import dev.sonora.repl.run.WarmKernels;
import dev.sonora.repl.terminal.Evaluator;
import dev.sonora.repl.terminal.Repl;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.ServerException;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.JackDriver;
import dev.sonora.server.driver.JackSettings;
import dev.sonora.server.osc.OscServer;

/**
 * Runs one command line: parses it, then lists devices, renders offline, or plays live with
 * or without the REPL. Returns the exit code. The calling thread is the controlling thread
 * (and, with a REPL, the Input thread).
 */
public final class Cli {
    /** Without --sample-rate and without a JACK server to follow. */
    static final int DEFAULT_SAMPLE_RATE = 48000;
    /** Live: how much further ahead than latency() the clock sends events while a session starts (docs/api.md, "The start lead"). */
    static final double START_LEAD_SECONDS = 1.0;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private Terminal terminal; // tests may supply one

    public Cli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Uses {@code t} for the REPL instead of the system terminal (tests: a dumb terminal on pipes). */
    public Cli withTerminal(Terminal t) {
        this.terminal = t;
        return this;
    }

    public int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
            for (Path f : o.files) {
                String special = dev.sonora.repl.lang.PathKind.special(f);
                if (special != null) throw new Options.Bad("'" + f + "' is " + special + ", not a script");
                if (!Files.isRegularFile(f)) throw new Options.Bad("no file '" + f + "'");
            }
        } catch (Options.Bad e) {
            err.println("sonora: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        if (o.help) {
            out.println(Options.USAGE);
            return 0;
        }
        if (o.listDevices || o.listMidi) {
            if (o.listDevices) Devices.listAudio(out);
            if (o.listMidi) Devices.listMidi(out);
            return 0;
        }
        if (!checkOutputs(o)) return 1;
        ServerOptions so;
        try {
            so = ServerOptions.defaults().withSampleRate(sampleRate(o)).withBlockSize(o.block);
            so = so.withWorkers(workers(o));
            so.check();
        } catch (ServerException e) {
            err.println("sonora: " + e.getMessage());
            return 2;
        }
        return o.render != null ? render(o, so) : live(o, so);
    }

    /**
     * The rate asked for; without {@code --sample-rate}, live on JACK (asked for, or the default
     * with a JACK server running) the JACK server's own, so a 44.1 kHz JACK setup just plays.
     */
    private static int sampleRate(Options o) {
        if (o.sampleRate > 0) return o.sampleRate;
        boolean jackMayPlay = o.render == null && (o.driver == null || o.driver.equals("jack"));
        int jack = jackMayPlay ? JackDriver.serverRate(null) : 0;
        return jack > 0 ? jack : DEFAULT_SAMPLE_RATE;
    }

    /**
     * Audio worker threads for parallel groups: {@code --workers N}, else one per core besides the
     * audio thread's, and live with the audio thread on a CPU of its own one fewer: a worker would
     * share what is left with JS and the collector, and the audio thread would wait on it
     * (docs/performance.md, "Parallel groups live on two cores").
     */
    static int workers(Options o) {
        if (o.workers >= 0) return o.workers;
        return o.render == null && o.audioCpuOwn ? ServerOptions.workersBesideOwnAudioCpu() : ServerOptions.defaultWorkers();
    }

    /** --render OUT and --record OUT, checked before anything runs; false when one was refused (one line said why). */
    private boolean checkOutputs(Options o) {
        try {
            List<Path> scripts = o.files;
            if (o.render != null) OutputFile.check("--render", o.render, scripts, o.force);
            if (o.record != null) {
                if (o.render != null && OutputFile.same(o.record, o.render)) {
                    throw new OutputFile.Refused("--record " + o.record + ": that is the --render file too; pick another file for the recording");
                }
                OutputFile.check("--record", o.record, scripts, o.force);
            }
            return true;
        } catch (OutputFile.Refused e) {
            err.println("sonora: " + e.getMessage());
            return false;
        }
    }

    // ---- --render ----

    private int render(Options o, ServerOptions so) {
        StartTrace.mark("render: options read");
        RoutedOutput output = new RoutedOutput(out, err);
        RenderStop stop = new RenderStop();
        Session[] session = new Session[1];
        // Ctrl-C / SIGTERM: the render stops at its next step and closes the file with a complete
        // header; the JVM ends once the user has been told (or after 5 s, whatever happens)
        Thread hook = new Thread(() -> {
            stop.request();
            if (stop.awaitReported(200)) return;
            Session s = session[0];
            if (s != null && s.hostReady()) s.host().interrupt(); // a script step still running
            stop.awaitReported(5000);
        }, "sonora-render-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Session s = new Session(so, output)) {
            session[0] = s;
            WarmKernels.run(so); // compile every kernel here while JS starts on the Lang thread
            Path wav = o.render;
            List<Path> files = o.files;
            // queued behind the JS context: the modules the scripts name load while this thread warms the render up
            s.lang.submit(() -> {
                s.host().loadModulesFor(files, o.code);
                return null;
            });
            OfflineRender.Result r;
            AtomicLong written = new AtomicLong();
            try (OfflineRender.Warmed warm = OfflineRender.warmUp(s.server, wav, o.duration)) {
                JsHost host = s.host();
                try (StepWatch watch = new StepWatch(o.stepTimeout, host::interrupt);
                     ProgressLine progress = renderProgress(s, written, o.duration)) {
                    r = s.call(() -> OfflineRender.render(warm, host, s.lang, () -> {
                        if (o.midiLatency != null) host.extension("midi", MidiBridge.class).setLatency(o.midiLatency);
                        for (Path f : files) watch.step(() -> host.evalFile(f));
                        for (String c : o.code) watch.step(() -> host.evalCode(c, "<-e>"));
                    }, o.record, stop, watch, written::set));
                }
            }
            if (r.ended() != OfflineRender.Ended.COMPLETE) {
                if (r.error() != null) err.println(r.error());
                else if (r.ended() == OfflineRender.Ended.STEP_TIMEOUT) err.println("sonora: a render step " + StepWatch.reason(o.stepTimeout));
                err.println(String.format(Locale.ROOT, "sonora: render %s at %.1f s; %s holds what was rendered",
                        r.ended() == OfflineRender.Ended.INTERRUPTED ? "interrupted" : "stopped", r.seconds(), wav));
                return 1;
            }
            if (r.clipped() > 0) {
                // the file is still written (clipped at ±1, as a sound card would); say so, once
                out.println("sonora: " + ClipWatch.message(r.clipped(), ""));
            }
            out.println(r.summary());
            return output.errors() > 0 ? 1 : 0;
        } catch (UserError e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("sonora: cannot write " + o.render + ": " + OutputFile.why(o.render, e));
            return 1;
        } catch (Exception e) {
            err.println("sonora: render failed: " + e);
            return 1;
        } finally {
            stop.reported();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and waits for the line above
            }
        }
    }

    /**
     * The render's progress line on stderr, only when both output streams are the terminal
     * (never into a file or a pipe, nor when a test gave its own streams); null otherwise. It
     * is erased before the summary line prints.
     */
    private ProgressLine renderProgress(Session s, AtomicLong written, double seconds) {
        if (err != System.err || out != System.out || !Tty.outputIsTerminal()) return null;
        SampleLibrary samples = SampleLibrary.of(s.server);
        double rate = s.server.sampleRate();
        long[] first = {-1, 0}; // the first step seen (frames, nanos): speed is the rendering's, not the warm-up's
        return new ProgressLine(err, () -> {
            int[] loading = samples.loading();
            if (loading != null) return ProgressLine.samples(loading[0], loading[1]);
            long w = written.get();
            if (w == 0) return null;
            long now = System.nanoTime();
            if (first[0] < 0) {
                first[0] = w;
                first[1] = now;
            }
            double wall = (now - first[1]) / 1e9;
            return ProgressLine.render(w / rate, seconds, wall > 0 ? (w - first[0]) / rate / wall : 0);
        });
    }

    // ---- live ----

    private int live(Options o, ServerOptions so) {
        long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
        RoutedOutput output = new RoutedOutput(out, err);
        HeapWatch[] heapWatch = new HeapWatch[1];
        HeapSoftLimit[] heapLimit = new HeapSoftLimit[1];
        if (!o.noRepl) err.println("sonora: starting (JavaScript first, then the audio once its kernels are warm)...");
        Session s = new Session(so, output);
        StartTrace.mark("session made");
        LiveAudio audio;
        try {
            audio = LiveAudio.open(s.server, o.driver, o.device, o.buffer,
                    JackSettings.defaults().withPorts(o.outputs, o.inputs).withConnect(!o.noConnect), o.audioCpuOwn, output);
        } catch (ServerException e) {
            err.println("sonora: " + e.getMessage());
            s.close();
            return 1;
        }
        // the JS context first: the first REPL line waits for it, and on two cores the kernel
        // warm-up beside it doubled its time; the audio starts once the warm-up is done, and what
        // a line played meanwhile waits in the queue for the first block
        audio.warmThenStart(s.hostFuture(), () -> {
            output.out("sonora: " + audio.describe());
            // allocation and peak load count from here: the first blocks are start-up, not the set
            audio.markWarmAfter(300);
        });
        if (o.record != null) {
            try {
                s.server.recordings().onMessages(output::out, output::err);
                s.server.recordings().start(o.record.toAbsolutePath(), 32);
                err.println("sonora: recording to " + o.record.toAbsolutePath());
            } catch (ServerException e) {
                // a recording asked for and not made is a failed start, not a warning to miss
                err.println("sonora: " + e.getMessage());
                audio.close();
                s.close();
                return 1;
            }
        }
        AtomicBoolean stopped = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                audio.close();
                s.close();
            }
        }, "sonora-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        if ((o.midiLatency != null && !midiLatency(o.midiLatency, s)) || (o.midiIn != null && !openMidi(o.midiIn, s))
                || !link(o.link, audio, s)) {
            if (stopped.compareAndSet(false, true)) {
                audio.close();
                s.close();
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            return 1;
        }
        OscServer osc = null;
        if (o.osc >= 0) {
            try {
                // /quit ends the session as Ctrl-C does: the shutdown hook fades out and closes
                osc = OscServer.start(s.server, o.osc, err::println,
                        () -> new Thread(() -> System.exit(0), "sonora-osc-quit").start());
                err.println("sonora: OSC server (scsynth's commands) on UDP and TCP port " + osc.port());
            } catch (IOException e) {
                err.println("sonora: " + e.getMessage());
                if (stopped.compareAndSet(false, true)) {
                    audio.close();
                    s.close();
                }
                Runtime.getRuntime().removeShutdownHook(hook);
                return 1;
            }
        }
        AtomicBoolean scriptFailed = new AtomicBoolean();
        // JS filling the heap is stopped before the collector starves the audio (HeapWatch); a file,
        // an -e, a loop body or at() callback that runs too long is stopped (REPL lines: Ctrl-C)
        StepWatch steps = new StepWatch(o.stepTimeout, () -> {
            if (s.hostReady()) s.host().interrupt();
        });
        s.lang.post(() -> {
            if (s.hostReady()) heapWatch[0] = HeapWatch.start(s.host());
            // the heap stays small and warm: its growth stalled this thread (HeapSoftLimit)
            heapLimit[0] = HeapSoftLimit.start().orElse(null);
            s.lang.watchSteps(steps);
        });
        s.lang.post(() -> {
            s.lang.addTicker(new ClipWatch(s.server, output)); // from here on, clipping is the performer's
            // start-up (JS context, first compilations) is not the set's load: peaks count from the prompt
            s.server.stats().resetPeakLoad();
            StartTrace.mark("Lang: JS ready, scripts next");
            // the set's first seconds run on a cold JIT: its events go further ahead until Lang keeps up
            TimeBridge time = s.hostReady() ? s.host().extension("time", TimeBridge.class) : null;
            if (time != null) {
                time.startLead(START_LEAD_SECONDS);
                time.followStalls(true); // and after a stall, until it keeps up again
                time.runHeavyAhead(true); // a loop's long steps run before the light ones due at their beat need the thread
            }
            // the modules not used yet load in the background (a render loads them on first use only)
            if (s.hostReady()) s.host().loadModulesWhenIdle();
            if (s.hostReady() && !o.noRepl) {
                output.out(String.format(Locale.ROOT, "sonora: ready in %.1f s — help() for a tour, Tab completes, Ctrl-D quits",
                        (System.currentTimeMillis() - launched) / 1e3));
            }
        });
        for (Path f : o.files) {
            s.lang.post(() -> steps.step(() -> runUserCode(s, output, scriptFailed, h -> h.evalFile(f))));
        }
        for (String c : o.code) {
            s.lang.post(() -> steps.step(() -> runUserCode(s, output, scriptFailed, h -> print(output, h.evalCode(c, "<-e>")))));
        }
        int code;
        try {
            code = o.noRepl ? noRepl(o, s, audio, scriptFailed) : repl(s, output, launched, historyFile(o), !o.noStatus);
        } finally {
            steps.close();
            if (osc != null) osc.close();
            if (heapWatch[0] != null) heapWatch[0].close();
            if (heapLimit[0] != null) heapLimit[0].close();
            if (stopped.compareAndSet(false, true)) {
                audio.close();
                s.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return code;
    }

    /** {@code --midi-latency}: before any script runs; false (one line said why) if the JS side did not start. */
    private boolean midiLatency(double ms, Session s) {
        try {
            s.call(() -> {
                s.host().extension("midi", MidiBridge.class).setLatency(ms);
                return null;
            });
            return true;
        } catch (Exception e) {
            err.println("sonora: --midi-latency: " + e.getMessage());
            return false;
        }
    }

    /**
     * Ableton Link: the bridge learns the driver's output latency (Link's beat is where the sound
     * leaves the speakers; so does a followed MIDI clock's); with {@code --link} it joins before any script runs. False (one line
     * said why) if it could not.
     */
    private boolean link(boolean on, LiveAudio audio, Session s) {
        if (!on) {
            // nothing to refuse: tell the bridge when JS is up, without waiting for it here (the
            // terminal is built meanwhile)
            s.lang.post(() -> {
                if (s.hostReady()) s.host().extension("link", LinkBridge.class).outputLatencyFrames(audio.outputLatencyFrames());
            });
            return true;
        }
        try {
            s.call(() -> {
                LinkBridge link = s.host().extension("link", LinkBridge.class);
                link.outputLatencyFrames(audio.outputLatencyFrames());
                MidiOutBridge midiOut = s.host().extension("midiout", MidiOutBridge.class); // a followed MIDI clock's beat is heard, too
                if (midiOut != null) midiOut.outputLatencyFrames(audio.outputLatencyFrames());
                if (on) link.enable(true);
                return null;
            });
            return true;
        } catch (Exception e) {
            if (!on) return true; // the JS side did not start: said elsewhere, and nothing asked for Link
            err.println("sonora: --link: " + e.getMessage());
            return false;
        }
    }

    /** {@code --midi-in}: opens the inputs before any script runs; false (one line said why) when none opens. */
    private boolean openMidi(String name, Session s) {
        try {
            List<String> names = s.call(() -> s.host().extension("midi", MidiBridge.class).openInputs(name));
            err.println("sonora: MIDI in: " + String.join(", ", names));
            return true;
        } catch (Exception e) {
            String m = String.valueOf(e.getMessage()).replace("midi.open('" + name + "')", "--midi-in " + name);
            err.println("sonora: " + m);
            return false;
        }
    }

    private interface HostAction {
        void run(JsHost h);
    }

    private static void runUserCode(Session s, RoutedOutput output, AtomicBoolean failed, HostAction action) {
        JsHost h;
        try {
            h = s.host();
        } catch (RuntimeException e) {
            output.err("sonora: JavaScript did not start: " + e.getMessage());
            failed.set(true);
            return;
        }
        try {
            action.run(h);
        } catch (UserError e) {
            output.err(e.getMessage());
            failed.set(true);
        }
    }

    private static void print(RoutedOutput output, String result) {
        if (result != null) output.out(result);
    }

    private int noRepl(Options o, Session s, LiveAudio audio, AtomicBoolean scriptFailed) {
        try {
            s.call(() -> null); // every script queued before this has run
        } catch (Exception e) {
            return 1;
        }
        if (scriptFailed.get()) return 1;
        try {
            audio.started().join(); // --duration counts from the first sound
        } catch (RuntimeException e) {
            err.println("sonora: the audio did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch forever = new CountDownLatch(1);
        try {
            if (o.duration != null) {
                Thread.sleep((long) (o.duration * 1000));
            } else {
                forever.await(); // until Ctrl-C / kill: the shutdown hook fades out and stops
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int repl(Session s, RoutedOutput output, long launched, Path history, boolean status) {
        Terminal t = terminal;
        try {
            // JLine logs a warning when stdin is not a terminal; a dumb terminal is what we want then
            java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.SEVERE);
            if (t == null && in == System.in) t = TerminalBuilder.builder().system(true).dumb(true).build();
            if (t == null) t = new org.jline.terminal.impl.DumbTerminal(in, out); // piped input (tests)
        } catch (IOException e) {
            err.println("sonora: no terminal: " + e.getMessage());
            return 1;
        }
        boolean dumb = t.getType() != null && t.getType().startsWith("dumb");
        // the reader is built while JS may still be starting: it is off the first line's path
        Repl repl = new Repl(t, new SessionEvaluator(s), history, output::route).prepare();
        StartTrace.mark("REPL reader built");
        if (dumb) {
            // piped input: a dumb terminal cannot redraw a half-read line under output that
            // arrives meanwhile, so let the start-up scripts and their output go first
            try {
                s.call(() -> null);
            } catch (Exception e) {
                // their errors were reported where they happened
            }
        }
        // the live status line: a real terminal only (a dumb one cannot keep a line at the bottom)
        LiveStatusFeed feed = status && !dumb ? new LiveStatusFeed(s.server, s.lang,
                () -> s.hostReady() ? s.host().extension("time", TimeBridge.class) : null) : null;
        if (feed != null) repl.withStatus(feed);
        if (StartTrace.on()) {
            repl.onFirstResult(() -> {
                StartTrace.mark("first line evaluated");
                StartTrace.threadCpu();
            });
        }
        int code = repl.run();
        if (feed != null) feed.close();
        output.route(Output.of(out, err));
        if (terminal == null) {
            try {
                t.close();
            } catch (IOException e) {
                // exiting anyway
            }
        }
        return code;
    }

    private static Path historyFile(Options o) {
        String custom = o.history != null ? o.history : System.getenv("SONORA_HISTORY");
        if (custom != null) return custom.isEmpty() ? null : Path.of(custom);
        return Path.of(System.getProperty("user.home"), ".sonora_history");
    }

    /** The REPL's view of a session: evaluation on the Lang loop, interrupt from the terminal. */
    private static final class SessionEvaluator implements Evaluator {
        private final Session s;
        private volatile List<String> names;
        private boolean firstRead; // Input thread

        SessionEvaluator(Session s) {
            this.s = s;
        }

        @Override
        public String eval(String code) {
            if (!firstRead) {
                firstRead = true;
                StartTrace.mark("first line read");
            }
            try {
                return s.call(() -> {
                    long started = System.nanoTime();
                    try {
                        return s.host().evalRepl(code);
                    } finally {
                        s.lang.heldWork("a line at the prompt", started); // a late loop's line names it when it took long
                    }
                });
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError("sonora: " + e.getMessage());
            } catch (StackOverflowError e) {
                throw new UserError("sonora: that line recursed too deeply (a stack overflow) and was stopped; the music plays on");
            } catch (Error e) {
                // the prompt outlives anything a line can do: the performer keeps a working REPL
                throw new UserError("sonora: internal error (a bug in Sonora; SONORA_DEBUG=1 prints where): " + e);
            }
        }

        @Override
        public void interrupt() {
            if (s.hostReady()) s.host().interrupt();
        }

        @Override
        public List<String> completionNames() {
            List<String> n = names;
            if (n == null && s.hostReady()) {
                try {
                    n = s.lang.submit(() -> s.host().completionNames()).get(1, java.util.concurrent.TimeUnit.SECONDS);
                    names = n;
                } catch (Exception e) {
                    return List.of(); // Lang is busy: no completion this time
                }
            }
            return n == null ? List.of() : n;
        }

        @Override
        public Collection<String> defNames() {
            return s.server.defNames();
        }
    }
}
