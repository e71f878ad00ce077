package dev.sonora.server.nrt;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.command.FreeChildren;
import dev.sonora.server.command.FreeNode;
import dev.sonora.server.command.MoveNode;
import dev.sonora.server.command.NewNode;
import dev.sonora.server.command.RunNode;
import dev.sonora.server.command.SetControls;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;
import dev.sonora.server.synth.SynthDef;

/**
 * The server as its clients see it: build nodes, send commands, read status.
 *
 * <p>Sending methods may be called from any non-audio thread (Lang, NRT, tests): they build
 * everything on the caller, then {@link #sendToRt} the command. A refusal (full queue, node
 * limit, ended node) throws {@link ServerException} to the caller; the audio goes on.
 * Returned objects are completed by whoever owns the NRT side: the {@code sonora-nrt} thread
 * ({@link #startNrtThread}) or, for offline rendering, the thread that drives the render
 * ({@link #pollReturns}).
 */
public final class Server implements AutoCloseable {
    private final ServerOptions options;
    private final World world;
    private final RtEngine engine;
    private final RtStats stats = new RtStats();
    private final MpscArrayQueue<Command> toRt;
    private final SpscArrayQueue<Object> fromRt;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final NodeRegistry registry;
    private final Map<String, SynthDef> defs = new ConcurrentHashMap<>();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private final NodeRef rootRef;
    private final NodeRef defaultRef;
    private final Completion completion = new Completion();
    private final dev.sonora.server.buffer.BufferTable buffers = new dev.sonora.server.buffer.BufferTable(1024);
    private volatile dev.sonora.server.buffer.DiskThread disk;
    private volatile dev.sonora.server.record.Recordings recordings;
    private volatile Thread nrtThread;
    private volatile boolean closed;
    private volatile Thread rtThread;
    private volatile long rtAllocBaseline = -1;

    public Server(ServerOptions options) {
        options.check();
        dev.sonora.server.rt.RtClasses.preload();
        this.options = options;
        this.toRt = new MpscArrayQueue<>(options.commandCapacity());
        // everything on the return queue entered RT as an in-flight command or a node, and
        // both are bounded (in-flight limit, node table), so this size cannot overflow
        this.fromRt = new SpscArrayQueue<>(options.commandCapacity() + options.maxNodes() + 16);
        this.world = new World(options.sampleRate(), options.blockSize(), options.maxNodes(),
                options.audioBuses(), options.controlBuses(), fromRt, stats);
        this.engine = new RtEngine(world, toRt, options.commandCapacity());
        this.registry = new NodeRegistry(options.maxNodes(), Math.min(1000, options.maxNodes() / 2));
        this.rootRef = new NodeRef(World.ROOT_GROUP, world.root, null);
        this.defaultRef = new NodeRef(World.DEFAULT_GROUP, world.defaultGroup, null);
        registry.putPermanent(rootRef);
        registry.putPermanent(defaultRef);
        // take both queues through a full offer/poll once on this thread: the JVM links
        // those call paths here instead of on the audio thread's first command (linking allocates)
        Command probe = new dev.sonora.server.rt.SetMasterGain(Command.NOW, 1f, 0f);
        toRt.offer(probe);
        toRt.relaxedPoll();
        fromRt.offer(probe);
        fromRt.relaxedPoll();
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

    public RtStats stats() {
        return stats;
    }

    public NodeRef rootGroup() {
        return rootRef;
    }

    public NodeRef defaultGroup() {
        return defaultRef;
    }

    public void addListener(ServerListener l) {
        listeners.add(l);
    }

    // ---- definitions ----

    /** Adds or replaces a definition; running synths keep the one they were built from. */
    public void addDef(SynthDef def) {
        defs.put(def.name(), def);
    }

    public SynthDef def(String name) {
        return defs.get(name);
    }

    public java.util.Set<String> defNames() {
        return java.util.Collections.unmodifiableSet(defs.keySet());
    }

    // ---- nodes (any non-audio thread) ----

    /**
     * Starts a synth of {@code defName} at sample {@code time} (or {@link Command#NOW}).
     * {@code names}/{@code values} set controls; unknown names are refused with the list of
     * known ones.
     */
    public NodeRef synth(String defName, String[] names, float[] values, int addAction, NodeRef target, long time) {
        SynthDef def = defs.get(defName);
        if (def == null) {
            throw new ServerException("unknown synth '" + defName + "'" + known());
        }
        return synth(def, names, values, addAction, target, time);
    }

    /** As {@link #synth(String, String[], float[], int, NodeRef, long)} with a definition object. */
    public NodeRef synth(SynthDef def, String[] names, float[] values, int addAction, NodeRef target, long time) {
        float[] controlValues = controlValues(def, names, values, "synth '" + def.name() + "'");
        checkTarget(addAction, target, "synth '" + def.name() + "'");
        int id = allocateId();
        RtSynth node;
        try {
            node = def.instantiate(world, id, controlValues, buffers);
        } catch (RuntimeException e) {
            registry.unallocate(id);
            throw e;
        }
        NodeRef ref = new NodeRef(id, node, def);
        return link(ref, addAction, target, time);
    }

    /** Makes a group. */
    public NodeRef group(int addAction, NodeRef target, long time) {
        checkTarget(addAction, target, "group");
        int id = allocateId();
        return link(new NodeRef(id, new RtGroup(id), null), addAction, target, time);
    }

    private NodeRef link(NodeRef ref, int addAction, NodeRef target, long time) {
        registry.put(ref);
        try {
            sendToRt(new NewNode(time, ref.node(), addAction, target.node()));
        } catch (ServerException e) {
            registry.release(ref.id(), ref.node());
            throw e;
        }
        return ref;
    }

    public void set(NodeRef n, String[] names, float[] values, long time) {
        if (n.isGroup()) throw new ServerException("set: " + n + " is a group; set its synths");
        checkLive(n, "set");
        SynthDef def = n.def();
        if (values.length != names.length) throw new ServerException("set " + n + ": " + names.length + " names but " + values.length + " values");
        int[] idx = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            idx[i] = def.controlIndex(names[i]);
            if (idx[i] < 0) throw new ServerException(unknownControl(def, names[i], "set " + n));
            if (!Float.isFinite(values[i])) throw new ServerException("set " + n + ": " + names[i] + " = " + values[i] + " is not a finite number");
        }
        sendToRt(new SetControls(time, (RtSynth) n.node(), idx, values.clone()));
    }

    public void free(NodeRef n, long time) {
        checkLive(n, "free");
        if (n == rootRef || n == defaultRef) {
            sendToRt(new FreeChildren(time, (RtGroup) n.node()));
        } else {
            sendToRt(new FreeNode(time, n.node()));
        }
    }

    /** Ends everything inside a group, keeping the group. */
    public void freeAll(NodeRef group, long time) {
        if (!group.isGroup()) throw new ServerException("freeAll: " + group + " is not a group");
        checkLive(group, "freeAll");
        sendToRt(new FreeChildren(time, (RtGroup) group.node()));
    }

    public void run(NodeRef n, boolean run, long time) {
        checkLive(n, run ? "run" : "pause");
        sendToRt(new RunNode(time, n.node(), run));
    }

    public void move(NodeRef n, int addAction, NodeRef target, long time) {
        checkLive(n, "move");
        if (n == rootRef || n == defaultRef) throw new ServerException("move: the root and default groups stay where they are");
        checkTarget(addAction, target, "move");
        if (addAction == AddAction.REPLACE) throw new ServerException("move: use head, tail, before or after");
        sendToRt(new MoveNode(time, n.node(), addAction, target.node()));
    }

    /** Looks up a live node handle by id, or null. */
    public NodeRef node(int id) {
        return registry.get(id);
    }

    /** Fades the main output to silence over {@code seconds} (quit without a click). */
    public void fadeOut(double seconds) {
        sendToRt(new dev.sonora.server.rt.SetMasterGain(Command.NOW, 0f, (float) seconds));
    }

    /** Brings the main output back to full level over {@code seconds}. */
    public void fadeIn(double seconds) {
        sendToRt(new dev.sonora.server.rt.SetMasterGain(Command.NOW, 1f, (float) seconds));
    }

    /** The master gain at the end of the last block (1 = full, 0 = faded out). */
    public float masterGain() {
        return world.masterGain.current();
    }

    // ---- buffers (any non-audio thread) ----

    public dev.sonora.server.buffer.BufferTable buffers() {
        return buffers;
    }

    /** The Disk thread, started on first use. */
    public dev.sonora.server.buffer.DiskThread disk() {
        dev.sonora.server.buffer.DiskThread d = disk;
        if (d == null) {
            synchronized (this) {
                if (disk == null) disk = new dev.sonora.server.buffer.DiskThread();
                d = disk;
            }
        }
        return d;
    }

    /**
     * Loads a sound file into a new buffer slot. A missing or undecodable file throws at once
     * (one line naming it); a good one decodes and resamples to the server rate on the Disk
     * thread, then is swapped into its slot on the audio thread.
     */
    public dev.sonora.server.buffer.BufferRef loadBuffer(java.nio.file.Path path) {
        return loadBuffer(path, -1);
    }

    /**
     * As {@link #loadBuffer(java.nio.file.Path)}, into an existing slot ({@code slot >= 0}):
     * new synths get the new buffer; running ones keep the old until they end, and only then
     * is it released.
     */
    public dev.sonora.server.buffer.BufferRef loadBuffer(java.nio.file.Path path, int existingSlot) {
        try {
            dev.sonora.server.buffer.AudioFileReader.probe(path);
        } catch (dev.sonora.server.buffer.AudioFileException e) {
            throw new ServerException(e.getMessage());
        }
        String name = path.getFileName().toString();
        int slot = existingSlot >= 0 ? existingSlot : buffers.reserve(name);
        if (slot < 0) throw new ServerException(name + ": all " + buffers.capacity() + " buffer slots are in use");
        var ready = new java.util.concurrent.CompletableFuture<dev.sonora.server.buffer.Buffer>();
        // decoded and resampled on the Disk thread in slices, behind stream refills and recording writes
        disk().submitSliced(new dev.sonora.server.buffer.DecodeJob(path, name, sampleRate(), buffer -> {
            sendToRt(new dev.sonora.server.buffer.SwapBuffer(buffers, slot, buffer));
            ready.complete(buffer);
        }, message -> {
            completion.reportError(message);
            ready.completeExceptionally(new ServerException(message));
        }));
        return new dev.sonora.server.buffer.BufferRef(slot, name, ready);
    }

    /** Recording the main output (record / stopRecording), made on first use. */
    public dev.sonora.server.record.Recordings recordings() {
        dev.sonora.server.record.Recordings r = recordings;
        if (r == null) {
            synchronized (this) {
                if (recordings == null) recordings = new dev.sonora.server.record.Recordings(this);
                r = recordings;
            }
        }
        return r;
    }

    /**
     * Offline controller, between blocks: if loads, recordings or streams wait for the Disk
     * thread, waits for it, so virtual time never outruns file work (renders stay exact).
     */
    public void catchUpDisk() {
        dev.sonora.server.buffer.DiskThread d = disk;
        if (d != null && d.behind()) d.awaitCaughtUp();
    }

    /** Tells the listeners about a problem in one line (Disk thread reports, etc.). Any thread. */
    public void reportError(String message) {
        completion.reportError(message);
    }

    // ---- the command queue ----

    /**
     * Sends a built command to the audio thread. Fails fast, on the caller, when too many
     * commands are in flight: the audio thread never waits and nothing is dropped silently.
     */
    public void sendToRt(Command c) {
        if (closed) throw new ServerException("the server has stopped");
        int n = inFlight.incrementAndGet();
        if (n > options.commandCapacity() || !toRt.offer(c)) {
            inFlight.decrementAndGet();
            throw new ServerException("command queue full: " + options.commandCapacity()
                    + " commands waiting for the audio thread; slow down or schedule less far ahead");
        }
    }

    private int allocateId() {
        int id = registry.allocate();
        if (id < 0) {
            throw new ServerException("node limit reached: all " + (options.maxNodes() - 2)
                    + " nodes are in use; free some (hush() frees all)");
        }
        return id;
    }

    private void checkLive(NodeRef n, String what) {
        if (n == null) throw new ServerException(what + ": no node given");
        if (!n.playing()) throw new ServerException(what + ": " + n + " has already ended");
    }

    private void checkTarget(int addAction, NodeRef target, String what) {
        if (!AddAction.isValid(addAction)) throw new ServerException(what + ": unknown add action " + addAction);
        if (target == null) throw new ServerException(what + ": no target node given");
        if (!target.playing()) throw new ServerException(what + ": target " + target + " has already ended");
        if (AddAction.isInside(addAction) && !target.isGroup()) {
            throw new ServerException(what + ": target " + target + " is not a group");
        }
        if (addAction != AddAction.HEAD && addAction != AddAction.TAIL && (target == rootRef)) {
            throw new ServerException(what + ": nothing goes beside the root group");
        }
    }

    private static float[] controlValues(SynthDef def, String[] names, float[] values, String what) {
        float[] v = new float[def.controlNames().size()];
        java.util.Arrays.fill(v, Float.NaN);
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                int k = def.controlIndex(names[i]);
                if (k < 0) throw new ServerException(unknownControl(def, names[i], what));
                if (!Float.isFinite(values[i])) throw new ServerException(what + ": " + names[i] + " = " + values[i] + " is not a finite number");
                v[k] = values[i];
            }
        }
        return v;
    }

    private static String unknownControl(SynthDef def, String name, String what) {
        return what + ": no control '" + name + "' (controls: "
                + (def.controlNames().isEmpty() ? "none" : String.join(", ", def.controlNames())) + ")";
    }

    private String known() {
        // internal defs (the sample players "__sample1"...) are not the performer's
        var mine = new java.util.TreeSet<String>();
        for (String k : defs.keySet()) if (!k.startsWith("__")) mine.add(k);
        return mine.isEmpty() ? " (no synths defined yet: def(name, fn) first)"
                : " (defined: " + String.join(", ", mine) + ")";
    }

    // ---- NRT side ----

    /**
     * Completes everything the audio thread handed back. Only the NRT owner may call this:
     * the {@code sonora-nrt} thread, or the offline render's driving thread. Returns how many.
     */
    public int pollReturns() {
        int n = 0;
        Object o;
        while ((o = fromRt.relaxedPoll()) != null) {
            n++;
            if (o instanceof Command c) {
                inFlight.decrementAndGet();
                c.completeOnNrt(completion);
            } else if (o instanceof RtNode node) {
                ended(node);
            }
        }
        Throwable t = engine.takeLastError();
        if (t != null) {
            completion.reportError("audio thread: a unit failed and its block was muted: " + t);
        }
        return n;
    }

    private void ended(RtNode node) {
        if (node instanceof RtSynth s) {
            for (dev.sonora.server.buffer.Buffer b : s.heldBuffers()) buffers.release(b);
        }
        NodeRef ref = registry.release(node.id, node);
        if (ref == null) return;
        ref.markEnded();
        for (ServerListener l : listeners) {
            try {
                l.nodeEnded(ref);
            } catch (RuntimeException e) {
                completion.reportError("node-ended listener failed: " + e.getMessage());
            }
        }
    }

    private final class Completion implements CommandOutcome {
        @Override
        public void reportError(String message) {
            for (ServerListener l : listeners) l.error(message);
        }

        @Override
        public void nodeNeverLinked(RtNode node) {
            ended(node);
        }
    }

    /** Starts the {@code sonora-nrt} thread that completes returns (live drivers). */
    public synchronized void startNrtThread() {
        if (nrtThread != null) return;
        Thread t = new Thread(this::nrtLoop, "sonora-nrt");
        t.setDaemon(true);
        nrtThread = t;
        t.start();
    }

    private void nrtLoop() {
        while (!closed) {
            if (pollReturns() == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            }
        }
        pollReturns();
    }

    // ---- status ----

    /**
     * Drivers call this from their audio thread's first moments so status can watch it: the
     * thread that enters the block loop is the audio thread, whoever made it (JACK makes its
     * own). A new audio thread (a driver took over from another) starts its count afresh at
     * the next {@link #markWarm}. Audio thread; allocates nothing.
     */
    public void audioThreadStarted(Thread t) {
        if (rtThread != t) {
            rtThread = t;
            rtAllocBaseline = -1;
        }
    }

    /** The thread that last entered the block loop, or null before the first block. Any thread. */
    public Thread audioThread() {
        return rtThread;
    }

    /** Starts counting audio-thread allocation from now (after warm-up). Any thread. */
    public void markWarm() {
        Thread t = rtThread;
        if (t != null) rtAllocBaseline = allocatedBytes(t);
    }

    /** Bytes the audio thread allocated since {@link #markWarm}, or -1 when unknown. */
    public long rtAllocatedBytes() {
        Thread t = rtThread;
        long base = rtAllocBaseline;
        if (t == null || base < 0) return -1;
        return allocatedBytes(t) - base;
    }

    /** Total bytes a thread has allocated, from the JVM's per-thread counter; -1 if unsupported. */
    public static long allocatedBytes(Thread t) {
        var mx = ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(t.threadId());
        }
        return -1;
    }

    public Status status() {
        RtStats s = stats;
        float peak = s.takePeak();
        return new Status(100.0 * s.publishedLoad, 100.0 * s.peakLoad(), peak, s.publishedNodes,
                s.publishedSynths, s.publishedLate, s.xruns, Math.max(0, rtAllocatedBytes()), s.publishedNanFixed,
                s.publishedClipped, s.publishedRtErrors, s.publishedSampleTime);
    }

    public int nodesInUse() {
        return registry.inUse();
    }

    @Override
    public void close() {
        closed = true;
        if (disk != null) disk.close();
        Thread t = nrtThread;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
