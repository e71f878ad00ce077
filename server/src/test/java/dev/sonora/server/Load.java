package dev.sonora.server;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.sonora.server.observe.MeterTap;
import dev.sonora.server.observe.Observers;
import dev.sonora.server.observe.ScopeTap;
import dev.sonora.server.observe.TapSource;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * A busy set, driven block by block from the test thread: percussive notes that end by
 * themselves, held notes released later, storms of {@code set}, groups made, moved, paused
 * and freed with synths inside. Used by the allocation proofs.
 */
public final class Load {
    private final Server server;
    private final Runnable nextBlock;
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<NodeRef> pads = new ArrayList<>();
    private final List<NodeRef> groups = new ArrayList<>();
    public volatile long notesStarted;
    public volatile long notesEnded;
    // observers (issue 15): fixed taps on the output and a bus, and meters on nodes that come and go
    private boolean observing;
    private final List<MeterTap> meters = new ArrayList<>();
    private final List<Integer> meterSlots = new ArrayList<>();
    private final List<NodeRef> metered = new ArrayList<>();
    private ScopeTap scope;
    private final float[] scopeLeft = new float[2400];
    private final float[] scopeRight = new float[2400];
    public long readings;
    public long scopeFrames;
    public long nodeMeters;
    private NodeRef lastPing;
    private NodeRef lastSidePing; // the last note started inside the parallel group (parallel())
    // parallel groups (issue 14): a lasting one of two groups, and made-and-freed ones among the groups
    private boolean parallel;
    private final List<NodeRef> sides = new ArrayList<>();

    Load(Rig rig) {
        this(rig.server, () -> rig.blocks(1));
    }

    /**
     * The load on a live driver (JACK's, the null driver's): each step waits for the audio
     * thread's next block, and gives up after 10 s without one (a device or JACK server that
     * stopped calling must fail the test, not hang it).
     */
    public static Load live(Server server) {
        return new Load(server, () -> {
            long next = server.sampleTime() + server.blockSize();
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (server.sampleTime() < next) {
                if (System.nanoTime() > giveUp) throw new IllegalStateException("the audio stopped: no block in 10 s");
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        });
    }

    /**
     * The same load on any driver: {@code nextBlock} returns once the server has rendered the
     * next block (offline: renders it; live: waits for it).
     */
    public Load(Server server, Runnable nextBlock) {
        this.server = server;
        this.nextBlock = nextBlock;
        Rig.definePing(server);
        GraphBuilder b = new GraphBuilder();
        var env = b.unit("adsr", b.constant(0.005), b.constant(0.01), b.constant(0.5), b.constant(0.02),
                b.control("gate", 1));
        var freq = b.control("freq", 110);
        var tone = b.mix(b.unit("sine", freq), b.unit("mul", b.unit("saw", freq), b.constant(0.3)),
                b.unit("mul", b.unit("noise"), b.constant(0.05)));
        server.addDef(b.build("pad", b.unit("pan",
                b.unit("mul", b.unit("mul", tone, env), b.control("amp", 0.05)), b.control("pos", 0))));
        server.addListener(new dev.sonora.server.ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
                notesEnded++;
            }
        });
    }

    /**
     * From now on the load is also observed: a meter and a scope on the main output, a meter on
     * an audio bus, and meters put on and taken off held notes and groups as they come and go;
     * every step drains them on this thread.
     */
    public Load observed() {
        observing = true;
        Observers o = server.observers();
        int bs = server.blockSize();
        addMeter(new MeterTap(TapSource.out(), bs, 2400), null);
        addMeter(new MeterTap(TapSource.bus(4, true), bs, 480), null);
        scope = new ScopeTap(TapSource.out(), bs, scopeLeft.length, 4800);
        o.add(scope);
        return this;
    }

    /**
     * From now on the load also plays in parallel groups: a lasting parallel group of two groups
     * that get notes and held pads, and every other group made is a parallel one (moved, paused,
     * freed with content like the rest), so the workers run tasks with notes ending in them.
     */
    public Load parallel() {
        parallel = true;
        NodeRef p = server.parallelGroup(AddAction.TAIL, server.defaultGroup(), Command.NOW);
        sides.add(server.group(AddAction.TAIL, p, Command.NOW));
        sides.add(server.group(AddAction.TAIL, p, Command.NOW));
        return this;
    }

    private void addMeter(MeterTap t, NodeRef on) {
        meterSlots.add(server.observers().add(t));
        meters.add(t);
        metered.add(on);
    }

    private void observeStep() {
        MeterTap.Reader count = (time, pl, pr, rl, rr) -> readings++;
        for (int i = meters.size() - 1; i >= 0; i--) {
            meters.get(i).drain(count);
            NodeRef on = metered.get(i);
            if (on != null && (!on.playing() || random.nextInt(50) == 0)) {
                server.observers().remove(meterSlots.remove(i));
                meters.remove(i);
                metered.remove(i);
            }
        }
        if (scope.takeFrame(scopeLeft, scopeRight) >= 0) scopeFrames++;
        if (meters.size() < 12 && (lastPing != null || !groups.isEmpty())) {
            NodeRef n = random.nextBoolean() || groups.isEmpty() ? lastPing : groups.get(random.nextInt(groups.size()));
            if (lastSidePing != null && random.nextInt(3) == 0) n = lastSidePing; // a note inside a parallel group
            nodeMeters++;
            if (n.playing()) addMeter(new MeterTap(server.nodeTapSource(n, 0), server.blockSize(), 1024), n);
        }
    }

    /** Sends one block's worth of work, then renders the block. */
    public void step() {
        long now = server.sampleTime();
        int bs = server.blockSize();
        // percussive notes at random samples of the next blocks, freed by their envelopes
        for (int i = 0; i < 3; i++) {
            lastPing = Rig.playAt(server, "ping", now + random.nextInt(4 * bs), "freq", 200 + random.nextInt(2000), "release", 0.005 + random.nextDouble(0.03));
            notesStarted++;
        }
        for (int i = 0; i < sides.size(); i++) {
            lastSidePing = server.synth("ping", new String[] {"freq", "release"}, new float[] {300 + random.nextInt(2000), 0.005f + random.nextFloat() * 0.03f},
                    AddAction.TAIL, sides.get(i), now + random.nextInt(4 * bs));
            notesStarted++;
        }
        // held notes, some inside groups
        if (pads.size() < 200) {
            NodeRef target = groups.isEmpty() || random.nextBoolean() ? server.defaultGroup()
                    : groups.get(random.nextInt(groups.size()));
            if (parallel && random.nextBoolean()) target = sides.get(random.nextInt(sides.size()));
            pads.add(server.synth("pad", new String[] {"freq"}, new float[] {50 + random.nextInt(500)},
                    AddAction.TAIL, target, Command.NOW));
            notesStarted++;
        }
        pads.removeIf(p -> !p.playing());
        // a storm of sets at random samples
        for (int i = 0; i < 40 && !pads.isEmpty(); i++) {
            NodeRef p = pads.get(random.nextInt(pads.size()));
            server.set(p, new String[] {"freq", "pos"}, new float[] {60 + random.nextInt(900), (float) random.nextDouble(-1, 1)},
                    now + random.nextInt(2 * bs));
        }
        // release some held notes (gate 0 at an exact sample)
        for (int i = 0; i < 3 && !pads.isEmpty(); i++) {
            NodeRef p = pads.remove(random.nextInt(pads.size()));
            server.set(p, new String[] {"gate"}, new float[] {0}, now + random.nextInt(bs));
        }
        // groups: make, move nodes between them, pause and run, free with content
        groups.removeIf(g -> !g.playing());
        if (groups.size() < 8) {
            groups.add(parallel && random.nextBoolean() ? server.parallelGroup(AddAction.TAIL, server.defaultGroup(), Command.NOW)
                    : server.group(AddAction.TAIL, server.defaultGroup(), Command.NOW));
        }
        if (!pads.isEmpty() && !groups.isEmpty()) {
            NodeRef p = pads.get(random.nextInt(pads.size()));
            NodeRef g = groups.get(random.nextInt(groups.size()));
            server.move(p, random.nextBoolean() ? AddAction.HEAD : AddAction.TAIL, g, Command.NOW);
            NodeRef other = pads.get(random.nextInt(pads.size()));
            if (other != p) server.move(p, AddAction.AFTER, other, Command.NOW);
        }
        if (!groups.isEmpty() && random.nextInt(10) == 0) {
            NodeRef g = groups.get(random.nextInt(groups.size()));
            server.run(g, false, now + random.nextInt(bs));
            server.run(g, true, now + bs + random.nextInt(bs));
        }
        if (!groups.isEmpty() && random.nextInt(25) == 0) {
            server.free(groups.remove(random.nextInt(groups.size())), now + random.nextInt(bs));
        }
        // a stale handle now and then: answered with an error, never an exception on RT
        if (observing) observeStep();
        nextBlock.run();
    }
}
