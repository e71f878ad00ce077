package dev.sonora.repl.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.StartTrace;
import dev.sonora.repl.lang.StepWatch;
import dev.sonora.repl.lang.UserError;
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.repl.samples.SampleLibrary;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Recordings;
import dev.sonora.server.Server;
import dev.sonora.server.Status;
import dev.sonora.server.driver.OfflineDriver;
import dev.sonora.server.driver.WavFileOut;

/**
 * {@code --render}: runs scripts against the offline driver in virtual time and writes the
 * WAV. Two phases, each on one thread that is also the NRT owner while it runs: the warm-up
 * ({@link #warmUp}) on the controlling thread, while the Lang thread may still be building the
 * JS context, then the render itself, one task on the Lang loop: after each block it completes
 * the server's returns and runs the Lang tasks they caused (node-ended callbacks), exactly as
 * the live loop would between blocks. The hand-over between them is a task submitted to the
 * Lang loop, which orders the first phase's writes before the second's reads.
 */
public final class OfflineRender {
    /** Blocks rendered (and thrown away) on the real audio thread before the scripts start. */
    private static final int WARM_BLOCKS = 6000;
    /** The most frames one render step takes: what the file writer buffers between flushes. */
    private static final int STEP_FRAMES = 8192;

    /**
     * What a render measured; {@link #summary()} is the summary line docs/api.md documents. {@code clipped}
     * counts the samples of the rendered audio (warm-up excluded) that went past full scale.
     */
    public record Result(double seconds, double wallSeconds, double peakLoadPercent, long late, long xruns,
                         long rtAllocBytes, long clipped, Ended ended, String error) {
        /** A render that ran to its end. */
        public Result(double seconds, double wallSeconds, double peakLoadPercent, long late, long xruns,
                      long rtAllocBytes, long clipped) {
            this(seconds, wallSeconds, peakLoadPercent, late, xruns, rtAllocBytes, clipped, Ended.COMPLETE, null);
        }

        public String summary() {
            double speed = wallSeconds > 0 ? seconds / wallSeconds : Double.POSITIVE_INFINITY;
            return String.format(Locale.ROOT,
                    "rendered %s s in %.2f s (%.1f× real time), peak block load %.1f%%, late %d, xruns %d, rt alloc %d B",
                    plain(seconds), wallSeconds, speed, peakLoadPercent, late, xruns, rtAllocBytes);
        }

        private static String plain(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
        }
    }

    /**
     * How a render ended. Stopped early, {@code seconds} is what the file holds (its header
     * complete) and {@code error} the user's error line, if it still has to be printed.
     */
    public enum Ended { COMPLETE, INTERRUPTED, STEP_TIMEOUT }

    private OfflineRender() {
    }

    /** Runs {@code r} as one step of {@code watch} (null: no limit). Lang thread. */
    private static void step(StepWatch watch, Runnable r) {
        if (watch == null) r.run();
        else watch.step(r);
    }

    /**
     * How many blocks the next render step may take at once without changing a sample. The
     * clock has sent every event of the next {@code latency()} seconds as timed commands
     * (exact to the sample however far the server runs), so steps that long are safe. Every
     * block is a step of its own while a MIDI file plays (its events are dispatched block by
     * block) or a script waits on a node's end (its callback acts at the next block). Long
     * steps spare the per-block hand-over and file write: a render of many quiet blocks runs
     * several times faster.
     */
    static int blocksAhead(Server server, JsHost host, TimeBridge time, MidiBridge midi, long framesLeft) {
        if (midi != null && midi.playing()) return 1;
        if (host.waitsOnNodeEnds()) return 1;
        int bs = server.blockSize();
        long lead = time != null ? Math.round(time.latency() * server.sampleRate()) : 0;
        long blocks = Math.min(lead / bs, Math.min(STEP_FRAMES / bs, (framesLeft + bs - 1) / bs));
        return (int) Math.max(1, blocks);
    }

    /**
     * A render's driver and file, warmed up and not yet given any script: what {@link #warmUp}
     * makes and {@link #render(Warmed, JsHost, LangLoop, Runnable, Path, RenderStop, StepWatch,
     * LongConsumer)} takes over. Closed without being rendered (the JS context failed to start),
     * it stops the driver and deletes the file.
     */
    public static final class Warmed implements AutoCloseable {
        private final Server server;
        private final OfflineDriver driver;
        private final RenderOut gate;
        private final long frames;
        private final double seconds;
        private final long warmNanos;
        private final long clippedBefore;
        private final Path wav;
        private final WavFileOut file;
        private boolean taken;

        private Warmed(Server server, OfflineDriver driver, RenderOut gate, WavFileOut file, Path wav, long frames,
                       double seconds, long warmNanos, long clippedBefore) {
            this.server = server;
            this.driver = driver;
            this.gate = gate;
            this.file = file;
            this.wav = wav;
            this.frames = frames;
            this.seconds = seconds;
            this.warmNanos = warmNanos;
            this.clippedBefore = clippedBefore;
        }

        /** The render's audio thread (tests: that an unrendered warm-up stops it). */
        Thread audioThread() {
            return driver.audioThread();
        }

        @Override
        public void close() {
            if (taken) return;
            taken = true;
            abandon(driver, file, wav);
        }
    }

    /** Stops the driver; a file still open was not finished, so it goes (nothing half-written is left behind). */
    private static void abandon(OfflineDriver driver, WavFileOut file, Path wav) {
        driver.close();
        if (file == null) return;
        try {
            file.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
        try {
            java.nio.file.Files.deleteIfExists(wav);
        } catch (IOException ignored) {
            // as above
        }
    }

    /**
     * Opens {@code wav} and runs the real path (driver, file writer) on the audio thread until the
     * JIT has compiled it; what it wrote is dropped and allocation counting starts. The calling
     * thread drives the render (and owns the server's returns) until it hands the result to
     * {@link #render(Warmed, JsHost, LangLoop, Runnable, Path, RenderStop, StepWatch, LongConsumer)}:
     * the command line does this on its main thread while the Lang thread is still building the
     * JS context, so that the two overlap on two cores. The summary's wall time counts the warm-up and
     * the render, not the wait between them.
     */
    public static Warmed warmUp(Server server, Path wav, double seconds) throws IOException {
        long frames = Math.round(seconds * server.sampleRate());
        RenderOut gate = new RenderOut(frames);
        long t0 = System.nanoTime();
        OfflineDriver driver = new OfflineDriver(server, gate);
        driver.start();
        WavFileOut file = null;
        try {
            file = new WavFileOut(wav, server.sampleRate(), STEP_FRAMES);
            server.recordings().renderingTo(wav);
            gate.target(file);
            gate.warmingUp(true);
            NodeRef warm = WarmSynth.start(server);
            WarmObservers observers = WarmObservers.start(server, warm);
            for (int i = 0; i < WARM_BLOCKS; i++) {
                driver.advance(1);
                server.pollReturns();
                observers.drain();
                file.discard();
            }
            observers.stop();
            WarmSynth.stop(server, warm);
            driver.advance(2);
            server.pollReturns();
            file.discard();
            gate.warmingUp(false);
            server.setTimeOrigin(server.sampleTime()); // the file's first frame: scripts count seconds from it
            server.markWarm();
            StartTrace.mark("render: warm-up blocks done");
            // peak load is "since start"; the warm-up blocks ran cold code and would dominate it.
            // The audio thread is parked between offline steps, so this write cannot race.
            server.stats().resetPeakLoad();
            long clippedBefore = server.status().clipped(); // the warm-up's own are not the user's
            return new Warmed(server, driver, gate, file, wav, frames, seconds, System.nanoTime() - t0, clippedBefore);
        } catch (IOException | RuntimeException | Error e) {
            abandon(driver, file, wav);
            throw e;
        }
    }

    /**
     * Runs {@code scripts} (the user's files, at virtual time 0) on a warmed render, then renders
     * it to its end. Lang thread only. A script error throws {@link dev.sonora.repl.lang.UserError}
     * and leaves no file behind. It may end early keeping what it rendered, with the file's header
     * complete: when {@code stop} is requested (Ctrl-C, SIGTERM), or when a step ({@code scripts}
     * wraps each file in {@code watch}'s steps; every render step here is one) runs longer than
     * {@code watch} allows (null: no limit). {@code record} (or null) also records the render
     * through the live recording path (the Disk thread), which must give exactly the samples of the
     * file; {@code progress} (or null) is told the frames written so far after every render step.
     */
    public static Result render(Warmed w, JsHost host, LangLoop lang, Runnable scripts, Path record, RenderStop stop,
                                StepWatch watch, LongConsumer progress) throws IOException {
        if (!lang.onLangThread()) throw new IllegalStateException("render runs on the Lang thread");
        if (w.taken) throw new IllegalStateException("a warmed render is rendered once");
        w.taken = true;
        final long start = System.nanoTime();
        final Server server = w.server;
        final OfflineDriver driver = w.driver;
        final RenderOut gate = w.gate;
        final long frames = w.frames;
        final double seconds = w.seconds;
        WavFileOut file = w.file;
        try {
            StartJitPriority.restore(); // the start is over (the JS context too): C2 compiles at full priority from here
            // file work never falls behind virtual time: sample loads finish before they are
            // needed, recordings are written and streams prefetched between blocks (exact renders)
            SampleLibrary.of(server).waitForLoads(true);
            server.catchUpDisk();
            if (record != null) {
                server.recordings().start(record, 32, Recordings.DEFAULT_POOL_BLOCKS, frames);
            }
            lang.virtualTime(true); // the clock: the server waits for Lang, no lookahead is needed to be on time
            MidiBridge midi = host.extension("midi", MidiBridge.class);
            if (midi != null) midi.offline(); // midi.play() in the scripts plays in virtual time
            Ended ended = Ended.COMPLETE;
            String error = null;
            try {
                scripts.run();
                step(watch, lang::runPending);
            } catch (UserError e) {
                if (watch != null && watch.fired()) {
                    ended = Ended.STEP_TIMEOUT;
                    error = e.getMessage();
                } else if (stop.requested()) {
                    ended = Ended.INTERRUPTED;
                } else {
                    throw e;
                }
            }
            StartTrace.mark("render: scripts run");
            TimeBridge time = host.extension("time", TimeBridge.class);
            while (ended == Ended.COMPLETE && gate.written() < frames) {
                if (stop.requested()) {
                    ended = Ended.INTERRUPTED;
                    break;
                }
                if (watch != null) watch.begin();
                server.catchUpDisk();
                int blocks = blocksAhead(server, host, time, midi, frames - gate.written());
                // MIDI file events due in this block, and their handlers, before it renders
                if (midi != null) midi.beforeOfflineBlock(server.sampleTime() + (long) blocks * server.blockSize());
                driver.advance(blocks);
                server.pollReturns();
                lang.runPending();
                if (watch != null) watch.end();
                file.flush(); // file I/O here, on the controller, never on the audio thread
                if (progress != null) progress.accept(gate.written());
                // a loop body or callback stopped by the watch has said so (file:line); the render ends here
                if (watch != null && watch.fired()) ended = Ended.STEP_TIMEOUT;
            }
            StartTrace.mark("render: blocks done");
            server.sayPoolGrowth(); // before the summary line
            var recording = server.recordings().stopNow();
            if (recording != null) recording.finished().join();
            double wall = (w.warmNanos + System.nanoTime() - start) / 1e9;
            WavFileOut done = file;
            file = null;
            done.close();
            Status s = server.status();
            double rendered = ended == Ended.COMPLETE ? seconds : (double) gate.written() / server.sampleRate();
            // the summary's peak is since the warm-up (status() takes its own window, a script may have called it)
            return new Result(rendered, wall, 100.0 * server.stats().peakLoad(), s.late(), s.xruns(), s.rtAllocBytes(), s.clipped() - w.clippedBefore,
                    ended, error);
        } finally {
            lang.virtualTime(false);
            if (file != null) abandon(driver, file, w.wav); // a failed render leaves nothing half-written behind
            else driver.close();
        }
    }
}
