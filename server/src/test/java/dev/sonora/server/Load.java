package dev.sonora.server;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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

    Load(Rig rig) {
        this(rig.server, () -> rig.blocks(1));
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

    /** Sends one block's worth of work, then renders the block. */
    public void step() {
        long now = server.sampleTime();
        int bs = server.blockSize();
        // percussive notes at random samples of the next blocks, freed by their envelopes
        for (int i = 0; i < 3; i++) {
            Rig.playAt(server, "ping", now + random.nextInt(4 * bs), "freq", 200 + random.nextInt(2000), "release", 0.005 + random.nextDouble(0.03));
            notesStarted++;
        }
        // held notes, some inside groups
        if (pads.size() < 200) {
            NodeRef target = groups.isEmpty() || random.nextBoolean() ? server.defaultGroup()
                    : groups.get(random.nextInt(groups.size()));
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
        if (groups.size() < 8) groups.add(server.group(AddAction.TAIL, server.defaultGroup(), Command.NOW));
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
        nextBlock.run();
    }
}
