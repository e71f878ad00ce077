package dev.sonora.server;

import java.util.Arrays;

import dev.sonora.server.node.FreeChildren;
import dev.sonora.server.node.FreeNode;
import dev.sonora.server.node.MoveNode;
import dev.sonora.server.node.NewNode;
import dev.sonora.server.node.RunNode;
import dev.sonora.server.node.SetControls;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;
import dev.sonora.server.synth.SynthDef;
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
    final NodeRef root;
    final NodeRef defaultGroup;

    Nodes(World world, NodeRegistry registry, CommandQueue queue, UnitResources resources, int maxNodes) {
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

    NodeRef synth(SynthDef def, String[] names, float[] values, int addAction, NodeRef target, long time) {
        float[] controlValues = controlValues(def, names, values, "synth '" + def.name() + "'");
        checkTarget(addAction, target, "synth '" + def.name() + "'");
        int id = allocateId();
        RtSynth node;
        try {
            node = def.instantiate(world, id, controlValues, resources);
        } catch (RuntimeException e) {
            registry.unallocate(id);
            throw e;
        }
        return link(new NodeRef(id, node, def), addAction, target, time);
    }

    NodeRef group(int addAction, NodeRef target, long time) {
        checkTarget(addAction, target, "group");
        int id = allocateId();
        return link(new NodeRef(id, new RtGroup(id), null), addAction, target, time);
    }

    private NodeRef link(NodeRef ref, int addAction, NodeRef target, long time) {
        registry.put(ref);
        try {
            queue.send(new NewNode(time, ref.node(), addAction, target.node()));
        } catch (ServerException e) {
            registry.release(ref.id(), ref.node());
            throw e;
        }
        return ref;
    }

    void set(NodeRef n, String[] names, float[] values, long time) {
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
        queue.send(new SetControls(time, (RtSynth) n.node(), idx, values.clone()));
    }

    void free(NodeRef n, long time) {
        checkLive(n, "free");
        if (n == root || n == defaultGroup) {
            queue.send(new FreeChildren(time, (RtGroup) n.node()));
        } else {
            queue.send(new FreeNode(time, n.node()));
        }
    }

    void freeAll(NodeRef group, long time) {
        if (!group.isGroup()) throw new ServerException("freeAll: " + group + " is not a group");
        checkLive(group, "freeAll");
        queue.send(new FreeChildren(time, (RtGroup) group.node()));
    }

    void run(NodeRef n, boolean run, long time) {
        checkLive(n, run ? "run" : "pause");
        queue.send(new RunNode(time, n.node(), run));
    }

    void move(NodeRef n, int addAction, NodeRef target, long time) {
        checkLive(n, "move");
        if (n == root || n == defaultGroup) throw new ServerException("move: the root and default groups stay where they are");
        checkTarget(addAction, target, "move");
        if (addAction == AddAction.REPLACE) throw new ServerException("move: use head, tail, before or after");
        queue.send(new MoveNode(time, n.node(), addAction, target.node()));
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

    private void checkTarget(int addAction, NodeRef target, String what) {
        if (!AddAction.isValid(addAction)) throw new ServerException(what + ": unknown add action " + addAction);
        if (target == null) throw new ServerException(what + ": no target node given");
        if (!target.playing()) throw new ServerException(what + ": target " + target + " has already ended");
        if (AddAction.isInside(addAction) && !target.isGroup()) {
            throw new ServerException(what + ": target " + target + " is not a group");
        }
        if (addAction != AddAction.HEAD && addAction != AddAction.TAIL && target == root) {
            throw new ServerException(what + ": nothing goes beside the root group");
        }
    }

    private static float[] controlValues(SynthDef def, String[] names, float[] values, String what) {
        float[] v = new float[def.controlNames().size()];
        Arrays.fill(v, Float.NaN);
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
}
