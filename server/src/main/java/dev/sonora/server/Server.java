package dev.sonora.server;

import java.nio.file.Path;
import java.util.Set;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.buffer.BufferRef;
import dev.sonora.server.buffer.BufferTable;
import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.observe.Observers;
import dev.sonora.server.observe.TapSource;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.RtWorker;
import dev.sonora.server.rt.SetMasterGain;
import dev.sonora.server.rt.World;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.SynthPool;
import dev.sonora.server.synth.Units;
import dev.sonora.server.ugen.KernelClasses;
import dev.sonora.server.ugen.UnitResources;

/**
 * The server as its clients see it: definitions, nodes, buffers, streams, recordings, status.
 * It only delegates; each part is its own class in this package.
 *
 * <p>Sending methods may be called from any non-audio thread (Lang, NRT, tests): they build
 * everything on the caller, then send the command. A refusal (full queue, node limit, ended
 * node) throws {@link ServerException} to the caller; the audio goes on. What the audio thread
 * hands back is completed by the NRT owner: the {@code sonora-nrt} thread ({@link
 * #startNrtThread}) or, for offline rendering, the thread that drives the render ({@link
 * #pollReturns}).
 */
public final class Server implements AutoCloseable {
    private final ServerOptions options;
    private final World world;
    private final RtEngine engine;
    private final RtStats stats = new RtStats();
    private final CommandQueue queue;
    private final Defs defs = new Defs();
    private final Units units = new Units();
    private final NodeRegistry registry;
    private final Nodes nodes;
    private final BufferTable buffers = new BufferTable(1024);
    private final Lazy<DiskThread> disk = new Lazy<>(DiskThread::new);
    private final BufferLoading loading;
    private final Streams streams = new Streams(this);
    private final Lazy<Recordings> recordings = new Lazy<>(() -> new Recordings(this));
    private final ReturnLoop returns;
    private final AllocationMeter meter = new AllocationMeter();
    private volatile Runnable audioThreadEntry; // live audio's core pinning, or null
    private final Observers observers;
    private volatile long timeOrigin; // see timeOrigin()

    public Server(ServerOptions options) {
        options.check();
        // the audio thread's classes are loaded, and their literals made, here, on the caller
        AudioThreadClasses.prepare();
        KernelClasses.preload();
        this.options = options;
        this.queue = new CommandQueue(options.commandCapacity());
        // everything on the return queue entered RT as an in-flight command or a node, and
        // both are bounded (in-flight limit, node table), so this size cannot overflow
        SpscArrayQueue<Object> fromRt = new SpscArrayQueue<>(options.commandCapacity() + options.maxNodes() + 16);
        this.world = new World(options.sampleRate(), options.blockSize(), options.maxNodes(),
                options.audioBuses(), options.controlBuses(), fromRt, stats, options.workers());
        this.engine = new RtEngine(world, queue.rtEnd(), options.commandCapacity());
        this.registry = new NodeRegistry(options.maxNodes(), Math.min(1000, options.maxNodes() / 2));
        this.nodes = new Nodes(world, registry, queue, UnitResources.of(buffers, streams.table()), options.maxNodes(),
                defs, this::reportInfo, this::sampleTime);
        this.loading = new BufferLoading(buffers, disk, queue, options.sampleRate(), this::reportError);
        this.observers = new Observers(engine);
        this.returns = new ReturnLoop(fromRt, queue, engine, registry, buffers, streams.table(), disk,
                () -> nodes.sayPoolGrowth(System.nanoTime(), true));
        // take both queues through a full offer/poll once on this thread: the JVM links
        // those call paths here instead of on the audio thread's first command (linking allocates)
        Command probe = new SetMasterGain(Command.NOW, 1f, 0f);
        queue.rtEnd().offer(probe);
        queue.rtEnd().relaxedPoll();
        fromRt.offer(probe);
        fromRt.relaxedPoll();
    }

    /** Meters and scopes on this server's audio ({@code observe} package). Any thread. */
    public Observers observers() {
        return observers;
    }

    /**
     * What {@code n} (a group: everything in it) adds to audio buses {@code bus}, {@code bus + 1}
     * while it plays, for a meter or scope. Refused with one line when the node has ended or
     * the buses do not exist. Any non-audio thread.
     */
    public TapSource nodeTapSource(NodeRef n, int bus) {
        if (!n.playing()) throw new ServerException(n + " has already ended");
        if (bus < 0 || bus + 1 >= options.audioBuses()) {
            throw new ServerException("bus " + bus + ": a node is measured on a stereo pair of audio buses, 0 to "
                    + (options.audioBuses() - 2));
        }
        return TapSource.node(n.node(), n.id(), n.generation(), bus, n.toString());
    }

    public ServerOptions options() {
        return options;
    }

    /** For drivers: the block renderer. The driver's thread becomes the audio thread. */
    public RtEngine engine() {
        return engine;
    }

    public int sampleRate() {
        return options.sampleRate();
    }

    public int blockSize() {
        return options.blockSize();
    }

    /** Sample time of the next block the audio thread will render. Any thread. */
    public long sampleTime() {
        return stats.publishedSampleTime;
    }

    /**
     * Sample time of the output's first frame: 0 live, where the device starts the clock; in a
     * render, the end of its warm-up blocks, which the file does not hold. What scripts are told
     * as seconds (status, meters, scopes) counts from here, so a render's readings line up with
     * its file. Any thread.
     */
    public long timeOrigin() {
        return timeOrigin;
    }

    /** Sets {@link #timeOrigin}: a render, once its warm-up is done. Any thread. */
    public void setTimeOrigin(long sample) {
        timeOrigin = sample;
    }

    /** Seconds of output at sample time {@code sample}, from {@link #timeOrigin}. Any thread. */
    public double secondsAt(long sample) {
        return (double) (sample - timeOrigin) / sampleRate();
    }

    public RtStats stats() {
        return stats;
    }

    public void addListener(ServerListener l) {
        returns.addListener(l);
    }

    // ---- definitions ----

    /**
     * Adds or replaces a definition; running synths keep the one they were built from. Replacing
     * retires the old definition's pool: its synths still playing finish and are dropped.
     */
    public void addDef(SynthDef def) {
        SynthDef old = defs.add(def);
        if (old != null && old != def) nodes.retire(old);
    }

    /** The pool of a definition, or null when it has none yet (tests, status). */
    public SynthPool pool(SynthDef def) {
        return nodes.poolOf(def);
    }

    public SynthDef def(String name) {
        return defs.get(name);
    }

    /** The definition of that name; a {@link ServerException} saying which there are otherwise. */
    public SynthDef requireDef(String name) {
        return defs.require(name);
    }

    public Set<String> defNames() {
        return defs.names();
    }

    /** This server's unit types: the built-ins and any it registers; build its definitions with them. */
    public Units units() {
        return units;
    }

    // ---- nodes (any non-audio thread) ----

    public NodeRef rootGroup() {
        return nodes.root;
    }

    public NodeRef defaultGroup() {
        return nodes.defaultGroup;
    }

    /**
     * Starts a synth of {@code defName} at sample {@code time} (or {@link Command#NOW}).
     * {@code names}/{@code values} set controls; unknown names are refused with the list of
     * known ones.
     */
    public NodeRef synth(String defName, String[] names, float[] values, int addAction, NodeRef target, long time) {
        return nodes.synth(defs.require(defName), names, values, addAction, target, time);
    }

    /** As {@link #synth(String, String[], float[], int, NodeRef, long)} with a definition object. */
    public NodeRef synth(SynthDef def, String[] names, float[] values, int addAction, NodeRef target, long time) {
        return nodes.synth(def, names, values, addAction, target, time);
    }

    public NodeRef group(int addAction, NodeRef target, long time) {
        return nodes.group(addAction, target, time, false);
    }

    /**
     * A parallel group: its children may run at the same time on the audio worker threads. Each
     * child's bus writes are summed on their own and added to the buses in child order after all
     * ran, so the output never depends on the threads; a child reads the buses as they were when
     * the group began plus its own writes, never a sibling's (docs/design-notes.md).
     */
    public NodeRef parallelGroup(int addAction, NodeRef target, long time) {
        return nodes.parallelGroup(addAction, target, time);
    }

    /**
     * A group that a {@code freeAll} of its parent (a panic) spares, with everything in it; only
     * freeing it (or a {@code freeAll} of itself) ends its nodes. The front end's proxies live in
     * one, so that {@code hush()} can fade them out instead of cutting them.
     */
    public NodeRef keptGroup(int addAction, NodeRef target, long time) {
        return nodes.group(addAction, target, time, true);
    }

    public void set(NodeRef n, String[] names, float[] values, long time) {
        nodes.set(n, names, values, time);
    }

    public void free(NodeRef n, long time) {
        nodes.free(n, time);
    }

    /**
     * Sets controls, like {@link #set}, of a node that may have ended by then: nothing is refused or
     * reported for one that has. For a front end's own bookkeeping sent ahead (a proxy's fades),
     * where an ended node is no one's mistake; other refusals (an unknown control, a full queue)
     * stand.
     */
    public void setIfPlaying(NodeRef n, String[] names, float[] values, long time) {
        nodes.setIfPlaying(n, names, values, time);
    }

    /**
     * Ends a node, like {@link #free}, but a node that has ended already (by itself, or by an earlier
     * free still on its way) is no mistake: nothing is refused or reported. What a performer's
     * {@code n.free()} means; {@link #free} stays strict for OSC clients, which are told, as
     * scsynth tells them.
     */
    public void end(NodeRef n, long time) {
        nodes.end(n, time);
    }

    /**
     * Closes a synth's gate (its envelope releases, then it ends itself), or ends a node that has no
     * gate; as quiet as {@link #end} about a node that has ended.
     */
    public void release(NodeRef n, long time) {
        nodes.release(n, time);
    }

    /** Ends everything inside a group, keeping the group. */
    public void freeAll(NodeRef group, long time) {
        nodes.freeAll(group, time);
    }

    public void run(NodeRef n, boolean run, long time) {
        nodes.run(n, run, time);
    }

    /**
     * Pauses or resumes, like {@link #run}, a node that may have ended by then: nothing is refused
     * or reported for one that has (a script's {@code n.pause()} of a note that ended meanwhile).
     */
    public void runIfPlaying(NodeRef n, boolean run, long time) {
        nodes.runIfPlaying(n, run, time);
    }

    public void move(NodeRef n, int addAction, NodeRef target, long time) {
        nodes.move(n, addAction, target, time);
    }

    /** A live node handle by id, or null. */
    public NodeRef node(int id) {
        return registry.get(id);
    }

    public int nodesInUse() {
        return registry.inUse();
    }

    /** Fades the main output to silence over {@code seconds} (quit without a click). */
    public void fadeOut(double seconds) {
        queue.send(new SetMasterGain(Command.NOW, 0f, (float) seconds));
    }

    /** Brings the main output back to full level over {@code seconds}. */
    public void fadeIn(double seconds) {
        queue.send(new SetMasterGain(Command.NOW, 1f, (float) seconds));
    }

    /** The master gain at the end of the last block (1 = full, 0 = faded out). */
    public float masterGain() {
        return world.masterGain.current();
    }

    // ---- files: buffers, streams, recordings (any non-audio thread) ----

    public BufferTable buffers() {
        return buffers;
    }

    /** The Disk thread, started on first use. */
    public DiskThread disk() {
        return disk.get();
    }

    /** Loads a sound file into a new buffer slot; see {@link BufferLoading}. */
    public BufferRef loadBuffer(Path path) {
        return loading.load(path, -1);
    }

    /**
     * Into an existing slot ({@code slot >= 0}): new synths get the new buffer; running ones
     * keep the old until they end, and only then is it released.
     */
    public BufferRef loadBuffer(Path path, int existingSlot) {
        return loading.load(path, existingSlot);
    }

    /**
     * As {@link #loadBuffer(Path, int)} ({@code existingSlot} -1: a new slot), for a caller that waits
     * for the load and says a failure itself: the server does not report it too.
     */
    public BufferRef loadBufferAwaited(Path path, int existingSlot) {
        return loading.load(path, existingSlot, false);
    }

    /** Streaming files from disk. */
    public Streams streams() {
        return streams;
    }

    /** Recording the main output (record / stopRecording). */
    public Recordings recordings() {
        return recordings.get();
    }

    /**
     * Offline controller, between blocks: if loads, recordings or streams wait for the Disk
     * thread, waits for it, so virtual time never outruns file work (renders stay exact).
     */
    public void catchUpDisk() {
        DiskThread d = disk.ifMade();
        if (d != null && d.behind()) d.awaitCaughtUp();
    }

    /** Tells the listeners one line of news (a synth pool grew). Any thread. */
    public void reportInfo(String message) {
        returns.reportInfo(message);
    }

    /** Tells the listeners about a problem in one line (Disk thread reports, etc.). Any thread. */
    public void reportError(String message) {
        returns.reportError(message);
    }

    // ---- the queues ----

    /**
     * Sends a built command to the audio thread. Fails fast, on the caller, when too many
     * commands are in flight: the audio thread never waits and nothing is dropped silently.
     */
    public void sendToRt(Command c) {
        queue.send(c);
    }

    /** Whether a command sent now would be refused for want of room (a panic waits for it to drain). Any thread. */
    public boolean commandQueueFull() {
        return queue.full();
    }

    /**
     * Completes everything the audio thread handed back. Only the NRT owner may call this:
     * the {@code sonora-nrt} thread, or the offline render's driving thread. Returns how many.
     */
    public int pollReturns() {
        return returns.poll();
    }

    /**
     * Says every pool growth not yet said, settled or not (each is said once its pool has gone
     * {@link dev.sonora.server.synth.SynthPool#SETTLE_NANOS} without growing). NRT owner: a render's
     * end, so that its lines come before the summary.
     */
    public void sayPoolGrowth() {
        nodes.sayPoolGrowth(System.nanoTime(), false);
    }

    /** Starts the {@code sonora-nrt} thread that completes returns (live drivers). */
    public void startNrtThread() {
        returns.start();
        SlowBlockLog.startIfAsked(engine.slowBlocks(), engine.lateCycles(), stats);
    }

    // ---- status ----

    /**
     * Drivers call this from their audio thread's first moments: whichever thread enters the
     * block loop is the audio thread, whoever made it (JACK makes its own). Allocates nothing.
     */
    public void audioThreadStarted(Thread t) {
        meter.audioThreadStarted(t);
        Runnable entry = audioThreadEntry;
        if (entry != null) entry.run();
    }

    /**
     * Something every audio thread runs on itself as it enters the block loop (live audio pins it
     * to a core of its own); it must allocate nothing. Null for none. The thread that starts audio.
     */
    public void onAudioThreadEntry(Runnable entry) {
        audioThreadEntry = entry;
    }

    /** The thread that last entered the block loop, or null before the first block. Any thread. */
    public Thread audioThread() {
        return meter.audioThread();
    }

    /**
     * Worker threads call this before their loop ({@link #workerLoop}): allocation counting and
     * the RT proofs cover them as the audio thread. Any worker thread; allocates nothing after its first call.
     */
    public void workerThreadStarted(Thread t) {
        meter.workerStarted(t);
    }

    /** The worker threads that have started (and not been replaced), for tests and the RT proofs. Any thread. */
    public Thread[] workerThreads() {
        return meter.workers();
    }

    /**
     * A new worker loop for a driver's worker thread {@code sonora-rt-worker-N} to run, {@code
     * index} being its N (from 1); the driver stops it when it closes. Any thread.
     */
    public RtWorker workerLoop(int index) {
        return new RtWorker(world.parallel(), index);
    }

    /** Starts counting audio-thread allocation from now (after warm-up). Any thread. */
    public void markWarm() {
        meter.markWarm();
    }

    /** Bytes the audio thread and the worker threads allocated since {@link #markWarm}, or -1 when unknown. */
    public long rtAllocatedBytes() {
        return meter.rtAllocatedBytes();
    }

    /** Total bytes a thread has allocated, from the JVM's per-thread counter; -1 if unsupported. */
    public static long allocatedBytes(Thread t) {
        return AllocationMeter.allocatedBytes(t);
    }

    public Status status() {
        RtStats s = stats;
        float peak = s.takePeak();
        return new Status(100.0 * s.publishedLoad, 100.0 * s.takePeakLoad(RtStats.STATUS_READER), peak, s.publishedNodes,
                s.publishedSynths, s.publishedLate, s.xruns, Math.max(0, rtAllocatedBytes()), s.publishedNanFixed,
                s.publishedClipped, s.publishedRtErrors, s.publishedSampleTime);
    }

    @Override
    public void close() {
        queue.close();
        DiskThread d = disk.ifMade();
        if (d != null) d.close();
        returns.stop();
        nodes.sayPoolGrowth(System.nanoTime(), false); // the NRT thread has stopped: this thread owns what it left
    }
}
