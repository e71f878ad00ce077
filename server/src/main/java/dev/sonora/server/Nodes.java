package dev.sonora.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import dev.sonora.server.node.FreeChildren;
import dev.sonora.server.node.FreeNode;
import dev.sonora.server.node.MoveNode;
import dev.sonora.server.node.NewNode;
import dev.sonora.server.node.RunNode;
import dev.sonora.server.node.SetControls;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.SynthPool;
import dev.sonora.server.ugen.UnitResources;

/**
 * The node requests of the façade: each is checked and built on the caller (any non-audio
 * thread) and refused there in one line; only a finished command goes to the audio thread.
 */
final class Nodes {
    private final World world;
    private final NodeRegistry registry;
    private final CommandQueue queue;
    private final UnitResources resources;
    private final int maxNodes;
    private final Defs defs;
    private final Consumer<String> info;
    private final LongSupplier sampleTime;
    // one pool per definition in use; a replaced definition's pool is retired (Server.addDef)
    private final ConcurrentHashMap<SynthDef, SynthPool> pools = new ConcurrentHashMap<>();
    /** Set by a pool that grew (sender), cleared by the NRT owner when it looks: spares it a walk of the pools each poll. */
    private volatile boolean growthUnsaid;
    final NodeRef root;
    final NodeRef defaultGroup;

    Nodes(World world, NodeRegistry registry, CommandQueue queue, UnitResources resources, int maxNodes,
          Defs defs, Consumer<String> info, LongSupplier sampleTime) {
        this.defs = defs;
        this.sampleTime = sampleTime;
        this.info = info;
        this.world = world;
        this.registry = registry;
        this.queue = queue;
        this.resources = resources;
        this.maxNodes = maxNodes;
        this.root = new NodeRef(World.ROOT_GROUP, world.root, null);
        this.defaultGroup = new NodeRef(World.DEFAULT_GROUP, world.defaultGroup, null);
        registry.putPermanent(root);
        registry.putPermanent(defaultGroup);
    }

    /**
     * Checks, takes an id, and takes a synth from the definition's pool (or builds one when the
     * definition is not pooled). Allocates nothing in steady state but the handle and the link
     * command; the words of a refusal are built only when it is refused.
     */
    NodeRef synth(SynthDef def, String[] names, float[] values, int addAction, NodeRef target, long time) {
        checkControls(def, names, values);
        checkTarget(addAction, target, def, null);
        int id = allocateId();
        RtSynth node;
        try {
            SynthPool pool = pool(def);
            node = pool != null ? pool.acquire(id, names, values)
                    : def.instantiate(world, id, controlValues(def, names, values), resources);
        } catch (RuntimeException e) {
            registry.unallocate(id);
            throw e;
        }
        return link(new NodeRef(id, node, def, releaseFrom(time)), addAction, target, time);
    }

    /**
     * The first sample a gate close of a synth started at {@code time} is heard at: the next
     * sample; for a start at the next block ({@code NOW}), two blocks from the one about to render,
     * since the audio thread may take the start in that block or the one after.
     */
    private long releaseFrom(long time) {
        return time == Command.NOW ? sampleTime.getAsLong() + 2L * world.blockSize : time + 1;
    }

    /** {@code time}, or later if it would close {@code n}'s gate before its envelope could open ({@link NodeRef#releaseFrom}). */
    private long gateCloseTime(NodeRef n, String[] names, float[] values, long time) {
        long from = n.releaseFrom();
        if (from == Long.MIN_VALUE) return time;
        boolean closes = false;
        for (int i = 0; i < names.length; i++) closes |= values[i] <= 0f && "gate".equals(names[i]);
        if (!closes) return time;
        if (time == Command.NOW) return sampleTime.getAsLong() < from ? from : Command.NOW;
        return Math.max(time, from);
    }

    /** The pool of a definition this server holds now, made on first use; null for any other definition. */
    private SynthPool pool(SynthDef def) {
        SynthPool p = pools.get(def);
        if (p != null) return p;
        if (defs.get(def.name()) != def) return null; // replaced, or never added: built afresh
        p = pools.computeIfAbsent(def, d -> new SynthPool(d, world, resources, maxNodes - 2, () -> growthUnsaid = true));
        if (defs.get(def.name()) != def) { // replaced meanwhile: retire what was just made
            retire(def);
            return null;
        }
        return p;
    }

    /** A definition was replaced: its pool's synths still playing finish, then are dropped. */
    void retire(SynthDef old) {
        SynthPool p = pools.remove(old);
        if (p != null) p.retire();
    }

    /**
     * Says each pool's growth in one line once it has settled ({@link SynthPool#SETTLE_NANOS}), or
     * at once when {@code settled} is false (the server closes). NRT owner, after each poll.
     */
    void sayPoolGrowth(long now, boolean settled) {
        if (!growthUnsaid) return;
        growthUnsaid = false; // before the walk: a pool growing meanwhile sets it again
        boolean left = false;
        for (SynthPool p : pools.values()) {
            String line = p.growthToSay(now, settled);
            if (line != null) info.accept(line);
            else left |= p.growthUnsaid();
        }
        // a retired pool's unsaid growth goes with it: the definition it was about is gone
        if (left) growthUnsaid = true;
    }

    /** The pool of a definition, if it has one (tests). */
    SynthPool poolOf(SynthDef def) {
        return pools.get(def);
    }

    NodeRef group(int addAction, NodeRef target, long time, boolean kept) {
        checkTarget(addAction, target, null, "group");
        int id = allocateId();
        return link(new NodeRef(id, new RtGroup(id, kept), null), addAction, target, time);
    }

    NodeRef parallelGroup(int addAction, NodeRef target, long time) {
        checkTarget(addAction, target, null, "group");
        int id = allocateId();
        world.parallel().groupMadeOnSender(); // lanes before the group can reach the audio thread: the queue publishes them
        try {
            return link(new NodeRef(id, new RtGroup(id, false, true), null), addAction, target, time);
        } catch (ServerException e) {
            world.parallel().groupEndedOnNrt(); // it never reached the audio thread
            throw e;
        }
    }

    private NodeRef link(NodeRef ref, int addAction, NodeRef target, long time) {
        registry.put(ref);
        try {
            queue.send(new NewNode(time, ref.node(), addAction, target.node(), target.id(), target.generation()));
        } catch (ServerException e) {
            registry.release(ref.id(), ref.node());
            if (ref.node() instanceof RtSynth s) SynthPool.release(s); // never reached the audio thread
            throw e;
        }
        return ref;
    }

    void set(NodeRef n, String[] names, float[] values, long time) {
        send(n, names, values, time, false);
    }

    /** {@link Server#setIfPlaying}. */
    void setIfPlaying(NodeRef n, String[] names, float[] values, long time) {
        if (n != null && !n.playing()) return;
        send(n, names, values, time, true);
    }

    private void send(NodeRef n, String[] names, float[] values, long time, boolean quietWhenEnded) {
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
        queue.send(new SetControls(gateCloseTime(n, names, values, time), (RtSynth) n.node(), n.id(), n.generation(), idx,
                values.clone(), quietWhenEnded));
    }

    void free(NodeRef n, long time) {
        checkLive(n, "free");
        if (n == root || n == defaultGroup) {
            queue.send(new FreeChildren(time, (RtGroup) n.node(), n.id(), n.generation()));
        } else {
            queue.send(new FreeNode(time, n.node(), n.id(), n.generation()));
        }
    }

    /** {@link Server#end}: a free that says nothing about a node that has ended. */
    void end(NodeRef n, long time) {
        if (n == null) throw new ServerException("free: no node given");
        if (!n.playing()) return;
        if (n == root || n == defaultGroup) {
            free(n, time);
        } else {
            queue.send(new FreeNode(time, n.node(), n.id(), n.generation(), true));
        }
    }

    /** {@link Server#release}: closes the gate, or ends a node that has none; quiet about one that has ended. */
    void release(NodeRef n, long time) {
        if (n == null) throw new ServerException("release: no node given");
        if (!n.playing()) return;
        if (n.isGroup() || n.def().controlIndex("gate") < 0) {
            end(n, time);
            return;
        }
        send(n, new String[] {"gate"}, new float[] {0f}, time, true);
    }

    void freeAll(NodeRef group, long time) {
        if (!group.isGroup()) throw new ServerException("freeAll: " + group + " is not a group");
        checkLive(group, "freeAll");
        queue.send(new FreeChildren(time, (RtGroup) group.node(), group.id(), group.generation()));
    }

    void run(NodeRef n, boolean run, long time) {
        checkLive(n, run ? "run" : "pause");
        queue.send(new RunNode(time, n.node(), n.id(), n.generation(), run));
    }

    /** {@link Server#runIfPlaying}. */
    void runIfPlaying(NodeRef n, boolean run, long time) {
        if (n == null) throw new ServerException((run ? "run" : "pause") + ": no node given");
        if (!n.playing()) return;
        queue.send(new RunNode(time, n.node(), n.id(), n.generation(), run, true));
    }

    void move(NodeRef n, int addAction, NodeRef target, long time) {
        checkLive(n, "move");
        if (n == root || n == defaultGroup) throw new ServerException("move: the root and default groups stay where they are");
        checkTarget(addAction, target, null, "move");
        if (addAction == AddAction.REPLACE) throw new ServerException("move: use head, tail, before or after");
        // known here, so said here (catchable, with the script's line); a group moved into its own
        // subtree is only known on the audio thread, which reports it a moment later
        if (n == target || n.id() == target.id()) throw new ServerException("move: " + n + " cannot be placed relative to itself");
        queue.send(new MoveNode(time, n.node(), n.id(), n.generation(), addAction, target.node(), target.id(), target.generation()));
    }

    private int allocateId() {
        int id = registry.allocate();
        if (id < 0) {
            throw new ServerException("node limit reached: all " + (maxNodes - 2)
                    + " nodes are in use; free some (hush() frees all)");
        }
        return id;
    }

    private static void checkLive(NodeRef n, String what) {
        if (n == null) throw new ServerException(what + ": no node given");
        if (!n.playing()) throw new ServerException(what + ": " + n + " has already ended");
    }

    /** {@code what} names the request, or null for a synth of {@code def} (named only on refusal). */
    private void checkTarget(int addAction, NodeRef target, SynthDef def, String what) {
        if (AddAction.isValid(addAction) && target != null && target.playing()
                && (!AddAction.isInside(addAction) || target.isGroup())
                && (addAction == AddAction.HEAD || addAction == AddAction.TAIL || target != root)
                && (addAction != AddAction.REPLACE || target != defaultGroup)) {
            return;
        }
        if (what == null) what = "synth '" + def.name() + "'";
        if (!AddAction.isValid(addAction)) throw new ServerException(what + ": unknown add action " + addAction);
        if (target == null) throw new ServerException(what + ": no target node given");
        if (!target.playing()) throw new ServerException(what + ": target " + target + " has already ended");
        if (AddAction.isInside(addAction) && !target.isGroup()) {
            throw new ServerException(what + ": target " + target + " is not a group");
        }
        if (addAction != AddAction.HEAD && addAction != AddAction.TAIL && target == root) {
            throw new ServerException(what + ": nothing goes beside the root group");
        }
        if (addAction == AddAction.REPLACE && target == defaultGroup) {
            throw new ServerException(what + ": the default group cannot be replaced (free its nodes with freeAll, or place it inside)");
        }
    }

    /** Refuses an unknown control or a value that is not finite; allocates nothing when all is well. */
    private static void checkControls(SynthDef def, String[] names, float[] values) {
        if (names == null) return;
        for (int i = 0; i < names.length; i++) {
            if (def.controlIndex(names[i]) < 0) throw new ServerException(unknownControl(def, names[i], "synth '" + def.name() + "'"));
            if (!Float.isFinite(values[i])) {
                throw new ServerException("synth '" + def.name() + "': " + names[i] + " = " + values[i] + " is not a finite number");
            }
        }
    }

    /** Values by control index, NaN for the default (checked names), for a synth built afresh. */
    private static float[] controlValues(SynthDef def, String[] names, float[] values) {
        float[] v = new float[def.controlNames().size()];
        java.util.Arrays.fill(v, Float.NaN);
        if (names != null) for (int i = 0; i < names.length; i++) v[def.controlIndex(names[i])] = values[i];
        return v;
    }

    private static String unknownControl(SynthDef def, String name, String what) {
        return what + ": no control '" + name + "' (controls: "
                + (def.controlNames().isEmpty() ? "none" : String.join(", ", def.controlNames())) + ")";
    }
}
