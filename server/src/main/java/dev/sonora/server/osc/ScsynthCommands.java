package dev.sonora.server.osc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.ServerListener;
import dev.sonora.server.buffer.SwapBuffer;
import dev.sonora.server.osc.rt.ControlBuses;
import dev.sonora.server.osc.rt.DeepFree;
import dev.sonora.server.osc.rt.QueryNode;
import dev.sonora.server.osc.rt.QueryTree;
import dev.sonora.server.osc.rt.SyncMark;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.synth.SynthDef;

/**
 * scsynth's command set over the {@link Server} façade. One message at a time, under this
 * object's lock (the UDP and TCP receive threads share it); replies that need the audio thread
 * (queries, {@code /n_go}) go out from NRT when their command comes back.
 *
 * <h2>Node ids</h2>
 * Clients choose node ids (sclang from 1000 up) while Sonora hands out its own. The two are kept
 * apart by a table: a client id names the {@link NodeRef} its {@code /s_new} or {@code /g_new}
 * made, and the entry goes when that node ends. Ids 0 and 1 are the root and the default group
 * in both. A node no client named (made by JavaScript, or by {@code /s_new} with id -1) is
 * shown to clients as minus its Sonora id ({@code -1003}), as scsynth shows the ids it chooses
 * as negative numbers; a client may address it by that id.
 */
final class ScsynthCommands implements ServerListener {
    static final String VERSION_NAME = "sonora";

    private final Server server;
    private final OscStats stats;
    private final Consumer<String> log;
    private final Runnable onQuit;
    private final Map<Integer, NodeRef> byClientId = new HashMap<>();
    private final Map<NodeRef, Integer> clientIdOf = new IdentityHashMap<>();
    /** Control values last set through OSC, per node (for {@code /g_queryTree} with controls). */
    private final Map<NodeRef, float[]> controlValues = new IdentityHashMap<>();
    private final Map<String, OscPeer> notified = new LinkedHashMap<>();
    private CompletableFuture<?> asyncTail = CompletableFuture.completedFuture(null);
    private volatile boolean dumpOsc;

    ScsynthCommands(Server server, OscStats stats, Consumer<String> log, Runnable onQuit) {
        this.server = server;
        this.stats = stats;
        this.log = log;
        this.onQuit = onQuit;
    }

    /** A wrong argument: becomes one {@code /fail}. */
    static final class Fail extends Exception {
        private static final long serialVersionUID = 1L;

        Fail(String message) {
            super(message, null, false, false);
        }
    }

    // ---- entry ----

    synchronized void perform(OscMessage m, long time, OscPeer from) {
        if (dumpOsc) log.accept("osc: " + m);
        try {
            dispatch(m, time, from);
        } catch (Fail f) {
            fail(from, m.address(), f.getMessage());
        } catch (ServerException e) {
            fail(from, m.address(), inClientIds(e.getMessage()));
        } catch (RuntimeException e) {
            // a bug here must not end the receive thread: one /fail, counted
            fail(from, m.address(), "internal error: " + e);
        }
    }

    private static final Pattern NODE_NAME = Pattern.compile("\\b(Node|Group)\\((\\d+)");

    /**
     * The server's refusal with each node named by the id the client gave it: the server names
     * nodes by its own ids ({@code Node(1001 'drone')}), which a client that made node 1004 cannot
     * match to anything.
     */
    private String inClientIds(String message) {
        Matcher m = NODE_NAME.matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int own = Integer.parseInt(m.group(2));
            Integer client = null;
            for (var e : byClientId.entrySet()) {
                if (e.getValue().id() == own) client = e.getKey();
            }
            m.appendReplacement(b, m.group(1) + "(" + (client == null ? own : client));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * Arguments from {@code start} on come in pairs, at least one: a message cut short (a node id
     * with no flag, a bare command) did nothing without a word, where a /fail says why.
     */
    private static void pairs(List<Object> a, int start, String pair) throws Fail {
        int n = a.size() - start;
        if (n <= 0) throw new Fail("no arguments: it takes pairs of " + pair);
        if (n % 2 != 0) throw new Fail("the last " + pair + " pair is missing its second half");
    }

    void fail(OscPeer to, String address, String reason) {
        stats.failed.increment();
        to.send(OscCodec.encode(OscMessage.of("/fail", address, reason)));
    }

    private void reply(OscPeer to, String address, Object... args) {
        to.send(OscCodec.encode(OscMessage.of(address, args)));
    }

    private void dispatch(OscMessage m, long time, OscPeer from) throws Fail {
        List<Object> a = m.args();
        switch (m.address()) {
            case "/notify" -> notify(a, from);
            case "/status" -> status(from);
            case "/sync" -> sync(a, time, from);
            case "/version" -> reply(from, "/version.reply", VERSION_NAME, 0, 1, ".0", "osc", "none");
            case "/quit" -> {
                reply(from, "/done", "/quit");
                onQuit.run();
            }
            case "/dumpOSC" -> dumpOsc = intArg(a, 0, "/dumpOSC", 0) != 0;
            case "/s_new" -> sNew(a, time, from);
            case "/n_set" -> nSet(a, time, from);
            case "/n_setn" -> nSetn(a, time);
            case "/n_free" -> {
                if (a.isEmpty()) throw new Fail("which node? /n_free takes node ids");
                for (int i = 0; i < a.size(); i++) server.free(node(intArg(a, i, "node id")), time);
            }
            case "/n_run" -> {
                pairs(a, 0, "node id and run flag");
                for (int i = 0; i + 1 < a.size(); i += 2) server.run(node(intArg(a, i, "node id")), intArg(a, i + 1, "run flag") != 0, time);
            }
            case "/n_before", "/n_after" -> {
                int action = m.address().equals("/n_before") ? AddAction.BEFORE : AddAction.AFTER;
                pairs(a, 0, "node id and target id");
                for (int i = 0; i + 1 < a.size(); i += 2) server.move(node(intArg(a, i, "node id")), action, node(intArg(a, i + 1, "target id")), time);
            }
            case "/n_query" -> {
                for (int i = 0; i < a.size(); i++) query(intArg(a, i, "node id"), time, from, "/n_info");
            }
            case "/g_new", "/p_new" -> gNew(a, time, from, m.address().equals("/p_new"));
            case "/g_head", "/g_tail" -> {
                int action = m.address().equals("/g_head") ? AddAction.HEAD : AddAction.TAIL;
                pairs(a, 0, "group id and node id");
                for (int i = 0; i + 1 < a.size(); i += 2) server.move(node(intArg(a, i + 1, "node id")), action, group(intArg(a, i, "group id")), time);
            }
            case "/g_freeAll" -> {
                for (int i = 0; i < a.size(); i++) server.freeAll(group(intArg(a, i, "group id")), time);
            }
            case "/g_deepFree" -> {
                for (int i = 0; i < a.size(); i++) {
                    NodeRef g = group(intArg(a, i, "group id"));
                    server.sendToRt(new DeepFree(time, g.id()));
                }
            }
            case "/g_queryTree" -> {
                for (int i = 0; i + 1 < a.size() || i == 0 && a.size() == 1; i += 2) {
                    queryTree(intArg(a, i, "group id"), i + 1 < a.size() ? intArg(a, i + 1, "flag") : 0, time, from);
                }
            }
            case "/g_dumpTree" -> {
                // scsynth prints the tree on its own output; sclang asks for this when the server's address is local
                for (int i = 0; i + 1 < a.size() || i == 0 && a.size() == 1; i += 2) {
                    NodeRef g = group(intArg(a, i, "group id"));
                    int flag = i + 1 < a.size() ? intArg(a, i + 1, "flag") : 0;
                    server.sendToRt(new QueryTree(time, g.id(), server.options().maxNodes(), t -> dumpTree(t, flag)));
                }
            }
            case "/c_set" -> cSet(a, time);
            case "/c_get" -> cGet(a, time, from);
            case "/b_allocRead" -> bAllocRead(a, from);
            case "/b_free" -> bFree(a, from);
            case "/b_query" -> {
                for (int i = 0; i < a.size(); i++) {
                    int slot = intArg(a, i, "buffer number");
                    Buffer b = server.buffers().current(slot);
                    if (b == null) reply(from, "/b_info", slot, 0, 0, 0f);
                    else reply(from, "/b_info", slot, b.frames(), b.channels(), (float) b.sampleRate());
                }
            }
            case "/d_recv", "/d_load", "/d_loadDir" -> throw new Fail("SuperCollider synth definitions are not supported by Sonora;"
                    + " define synths in JavaScript with def(name, fn) and use them by name");
            default -> {
                stats.unknown.increment();
                throw new Fail("Command not found");
            }
        }
    }

    // ---- argument helpers ----

    static int intArg(List<Object> a, int i, String what) throws Fail {
        if (i >= a.size()) throw new Fail("missing argument: " + what);
        Object v = a.get(i);
        if (v instanceof Integer n) return n;
        if (v instanceof Float f && f == Math.rint(f)) return f.intValue();
        if (v instanceof Double d && d == Math.rint(d)) return d.intValue();
        if (v instanceof Long l && l == l.intValue()) return l.intValue();
        throw new Fail("wrong type for " + what + ": expected an int, got " + describe(v));
    }

    static int intArg(List<Object> a, int i, String what, int orElse) throws Fail {
        return i < a.size() ? intArg(a, i, what) : orElse;
    }

    static float floatArg(List<Object> a, int i, String what) throws Fail {
        if (i >= a.size()) throw new Fail("missing argument: " + what);
        Object v = a.get(i);
        if (v instanceof Number n) {
            float f = n.floatValue();
            // a double too large for a float: say the number sent, not the Infinity it would become
            if (Float.isInfinite(f) && Double.isFinite(n.doubleValue())) {
                throw new Fail(what + " " + n + " is beyond a float's range (±3.4e38)");
            }
            return f;
        }
        throw new Fail("wrong type for " + what + ": expected a number, got " + describe(v));
    }

    static String stringArg(List<Object> a, int i, String what) throws Fail {
        if (i >= a.size()) throw new Fail("missing argument: " + what);
        if (a.get(i) instanceof String s) return s;
        throw new Fail("wrong type for " + what + ": expected a string, got " + describe(a.get(i)));
    }

    private static String describe(Object v) {
        if (v == null) return "nil";
        if (v instanceof byte[]) return "a blob";
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }

    // ---- node ids ----

    /** The live node a client id names, or a /fail in scsynth's words. */
    NodeRef node(int clientId) throws Fail {
        NodeRef n = lookup(clientId);
        if (n == null || !n.playing()) throw new Fail("Node " + clientId + " not found");
        return n;
    }

    private NodeRef group(int clientId) throws Fail {
        NodeRef n = lookup(clientId);
        if (n == null || !n.playing() || !n.isGroup()) throw new Fail("Group " + clientId + " not found");
        return n;
    }

    private NodeRef lookup(int clientId) {
        if (clientId == 0) return server.rootGroup();
        if (clientId == 1) return server.defaultGroup();
        NodeRef n = byClientId.get(clientId);
        if (n != null) return n;
        if (clientId < -1) {
            NodeRef own = server.node(-clientId);
            if (own != null && !clientIdOf.containsKey(own)) return own;
        }
        return null;
    }

    /** The id a client sees for a Sonora node id (and its handle, when known). */
    synchronized int clientId(int sonoraId, NodeRef ref) {
        if (sonoraId == 0 || sonoraId == 1) return sonoraId;
        if (sonoraId < 0) return -1;
        NodeRef r = ref != null ? ref : server.node(sonoraId);
        Integer c = r == null ? null : clientIdOf.get(r);
        return c != null ? c : -sonoraId;
    }

    private void checkNewId(int id) throws Fail {
        if (id == 0 || id == 1 || (id >= 2 && byClientId.containsKey(id))) throw new Fail("duplicate node ID");
        if (id < -1) throw new Fail("node ID " + id + ": negative ids are the server's (use -1 to let it choose)");
    }

    private void remember(int id, NodeRef n) {
        if (id >= 2) {
            byClientId.put(id, n);
            clientIdOf.put(n, id);
        }
    }

    // ---- nodes ----

    private void sNew(List<Object> a, long time, OscPeer from) throws Fail {
        String defName = stringArg(a, 0, "synth definition name");
        int id = intArg(a, 1, "node id", -1);
        int action = intArg(a, 2, "add action", AddAction.HEAD);
        int targetId = intArg(a, 3, "target id", 0);
        SynthDef def = server.def(defName);
        if (def == null) throw new Fail("SynthDef not found");
        checkNewId(id);
        if (action < 0 || action > 4) throw new Fail("invalid add action " + action);
        NodeRef target = action <= 1 ? group(targetId) : node(targetId);
        Controls c = controls(def, a, 4, "/s_new", from);
        float[] values = new float[def.controlNames().size()];
        for (int i = 0; i < values.length; i++) values[i] = def.controlDefault(i);
        for (int i = 0; i < c.names.length; i++) values[def.controlIndex(c.names[i])] = c.values[i];
        NodeRef n = server.synth(def, c.names, c.values, action, target, time);
        remember(id, n);
        controlValues.put(n, values);
        announce(n, time);
    }

    /** {@code /g_new}, or with {@code parallel} {@code /p_new}: supernova's parallel group, Sonora's too. */
    private void gNew(List<Object> a, long time, OscPeer from, boolean parallel) throws Fail {
        for (int i = 0; i + 2 < a.size() || i == 0 && a.size() >= 1; i += 3) {
            int id = intArg(a, i, "group id");
            int action = intArg(a, i + 1, "add action", AddAction.HEAD);
            int targetId = intArg(a, i + 2, "target id", 0);
            if (id == 1 && targetId == 0) continue; // the default group exists at boot; clients create it on connect
            checkNewId(id);
            if (action < 0 || action > 4) throw new Fail("invalid add action " + action);
            NodeRef target = action <= 1 ? group(targetId) : node(targetId);
            NodeRef g = parallel ? server.parallelGroup(action, target, time) : server.group(action, target, time);
            remember(id, g);
            announce(g, time);
        }
    }

    private record Controls(String[] names, float[] values) {
    }

    /** Name/index and value pairs from {@code from} on; unknown names are skipped, as scsynth does. */
    private Controls controls(SynthDef def, List<Object> a, int start, String cmd, OscPeer peer) throws Fail {
        if (a.size() > start && (a.size() - start) % 2 != 0) throw new Fail("control " + a.get(a.size() - 1) + " has no value");
        List<String> names = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int i = start; i + 1 < a.size(); i += 2) {
            String name = controlName(def, a.get(i));
            Object v = a.get(i + 1);
            if (v instanceof String s) {
                fail(peer, cmd, "control " + a.get(i) + ": bus mapping '" + s + "' is not supported; the control keeps its value");
                continue;
            }
            float value = floatArg(a, i + 1, "control value");
            if (name == null) continue;
            names.add(name);
            values.add(value);
        }
        float[] vs = new float[values.size()];
        for (int i = 0; i < vs.length; i++) vs[i] = values.get(i);
        return new Controls(names.toArray(String[]::new), vs);
    }

    private static String controlName(SynthDef def, Object key) throws Fail {
        List<String> names = def.controlNames();
        if (key instanceof String s) return names.contains(s) ? s : null;
        if (key instanceof Integer || key instanceof Float || key instanceof Long || key instanceof Double) {
            int k = ((Number) key).intValue();
            return k >= 0 && k < names.size() ? names.get(k) : null;
        }
        throw new Fail("wrong type for control: expected a name or an index, got " + describe(key));
    }

    private void nSet(List<Object> a, long time, OscPeer from) throws Fail {
        NodeRef n = node(intArg(a, 0, "node id"));
        if (n.isGroup()) {
            setGroup(n, a, time, from);
            return;
        }
        Controls c = controls(n.def(), a, 1, "/n_set", from);
        set(n, c.names, c.values, time);
    }

    /**
     * {@code /n_set} on a group sets every synth in it, at any depth, as scsynth does: each by its
     * own definition (a name it lacks, or an index past its controls, is skipped). The members
     * are the group's at the moment the message is handled (a snapshot from the audio thread);
     * the values land at the message's time.
     */
    private void setGroup(NodeRef g, List<Object> a, long time, OscPeer from) throws Fail {
        for (int i = 2; i < a.size(); i += 2) {
            if (a.get(i) instanceof String s) throw new Fail("control " + a.get(i - 1) + ": bus mapping '" + s + "' is not supported");
        }
        server.sendToRt(new QueryTree(Command.NOW, g.id(), server.options().maxNodes(), t -> {
            synchronized (this) {
                for (int i = 0; i < t.count; i++) {
                    NodeRef member = t.children[i] < 0 ? server.node(t.ids[i]) : null;
                    if (member == null || member.def() == null) continue; // a group, or gone meanwhile
                    try {
                        Controls c = controls(member.def(), a, 1, "/n_set", from);
                        set(member, c.names, c.values, time);
                    } catch (Fail e) {
                        fail(from, "/n_set", e.getMessage());
                        return; // the same keys fail for every member: once is enough
                    }
                }
            }
        }));
    }

    private void nSetn(List<Object> a, long time) throws Fail {
        NodeRef n = node(intArg(a, 0, "node id"));
        if (n.isGroup()) throw new Fail("Node " + intArg(a, 0, "node id") + ": setting a group's controls is not supported; set its synths");
        List<String> all = n.def().controlNames();
        List<String> names = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        int i = 1;
        while (i + 1 < a.size()) {
            Object key = a.get(i);
            int count = intArg(a, i + 1, "control count");
            if (count < 0 || i + 2 + count > a.size()) throw new Fail("control count " + count + " is more than the values given");
            int first = key instanceof String s ? all.indexOf(s) : intArg(a, i, "control");
            for (int k = 0; k < count; k++) {
                float v = floatArg(a, i + 2 + k, "control value");
                if (first >= 0 && first + k < all.size()) {
                    names.add(all.get(first + k));
                    values.add(v);
                }
            }
            i += 2 + count;
        }
        float[] vs = new float[values.size()];
        for (int k = 0; k < vs.length; k++) vs[k] = values.get(k);
        set(n, names.toArray(String[]::new), vs, time);
    }

    private void set(NodeRef n, String[] names, float[] values, long time) {
        if (names.length == 0) return;
        server.set(n, names, values, time);
        float[] known = controlValues.get(n);
        if (known != null) for (int i = 0; i < names.length; i++) known[n.def().controlIndex(names[i])] = values[i];
    }

    // ---- notifications and queries ----

    private void notify(List<Object> a, OscPeer from) throws Fail {
        boolean on = intArg(a, 0, "flag", 1) != 0;
        if (on) notified.put(from.key(), from); else notified.remove(from.key());
        reply(from, "/done", "/notify", 0, 1);
    }

    /** Forgets a peer that went away (a closed TCP connection). */
    synchronized void forget(OscPeer peer) {
        notified.remove(peer.key());
    }

    private synchronized OscPeer[] notifiedPeers() {
        return notified.values().toArray(OscPeer[]::new);
    }

    /** {@code /n_go} for a node just sent, from NRT once the audio thread has placed it. */
    private void announce(NodeRef n, long time) {
        if (notified.isEmpty()) return;
        server.sendToRt(new QueryNode(time, n.id(), q -> {
            if (q.found) sendNodeInfo("/n_go", n, q, notifiedPeers());
        }));
    }

    private void query(int clientId, long time, OscPeer from, String address) throws Fail {
        NodeRef n = node(clientId);
        server.sendToRt(new QueryNode(time, n.id(), q -> {
            if (q.found) sendNodeInfo(address, n, q, new OscPeer[] {from});
            else fail(from, "/n_query", "Node " + clientId + " not found");
        }));
    }

    private void sendNodeInfo(String address, NodeRef n, QueryNode q, OscPeer[] to) {
        int id = clientId(q.id, n);
        Object[] args = q.group
                ? new Object[] {id, clientId(q.parent, null), clientId(q.prev, null), clientId(q.next, null), 1,
                    clientId(q.head, null), clientId(q.tail, null)}
                : new Object[] {id, clientId(q.parent, null), clientId(q.prev, null), clientId(q.next, null), 0};
        byte[] packet = OscCodec.encode(OscMessage.of(address, args));
        for (OscPeer p : to) p.send(packet);
    }

    /** {@code /n_end} to every client that asked. NRT. */
    @Override
    public void nodeEnded(NodeRef node) {
        OscPeer[] to;
        int id;
        synchronized (this) {
            id = clientId(node.id(), node);
            Integer c = clientIdOf.remove(node);
            if (c != null) byClientId.remove(c, node);
            controlValues.remove(node);
            if (notified.isEmpty()) return;
            to = notifiedPeers();
        }
        byte[] packet = OscCodec.encode(OscMessage.of("/n_end", id, -1, -1, -1, node.isGroup() ? 1 : 0));
        for (OscPeer p : to) p.send(packet);
    }

    private void queryTree(int clientId, int flag, long time, OscPeer from) throws Fail {
        NodeRef g = group(clientId);
        server.sendToRt(new QueryTree(time, g.id(), server.options().maxNodes(), t -> treeReply(t, flag, from)));
    }

    private void treeReply(QueryTree t, int flag, OscPeer from) {
        if (!t.found) {
            fail(from, "/g_queryTree", "Group " + t.groupId + " not found");
            return;
        }
        List<Object> args = new ArrayList<>();
        args.add(flag);
        synchronized (this) {
            for (int i = 0; i < t.count; i++) {
                NodeRef ref = server.node(t.ids[i]);
                args.add(clientId(t.ids[i], ref));
                args.add(t.children[i]);
                if (t.children[i] < 0) {
                    String defName = t.nodes[i] instanceof RtSynth s ? s.defName() : "?";
                    args.add(defName);
                    if (flag != 0) {
                        SynthDef def = ref != null ? ref.def() : server.def(defName);
                        List<String> names = def == null ? List.of() : def.controlNames();
                        float[] values = ref == null ? null : controlValues.get(ref);
                        args.add(names.size());
                        for (int k = 0; k < names.size(); k++) {
                            args.add(names.get(k));
                            args.add(values != null ? values[k] : def.controlDefault(k));
                        }
                    }
                }
            }
        }
        from.send(OscCodec.encode(OscMessage.of("/g_queryTree.reply", args.toArray())));
    }

    /** The tree as scsynth prints it for {@code /g_dumpTree}: one line per node, three spaces a level. */
    private void dumpTree(QueryTree t, int flag) {
        if (!t.found) return;
        StringBuilder b = new StringBuilder("NODE TREE Group ").append(clientId(t.ids[0], null));
        int[] left = new int[t.count + 1]; // children still to print, per open level
        int depth = 0;
        left[0] = t.children[0];
        synchronized (this) {
            for (int i = 1; i < t.count; i++) {
                while (depth > 0 && left[depth] == 0) depth--;
                left[depth]--;
                b.append('\n').append("   ".repeat(depth + 1));
                NodeRef ref = server.node(t.ids[i]);
                b.append(clientId(t.ids[i], ref));
                if (t.children[i] >= 0) {
                    b.append(" group");
                    left[++depth] = t.children[i];
                } else {
                    b.append(' ').append(t.nodes[i] instanceof RtSynth s ? s.defName() : "?");
                    float[] values = ref == null ? null : controlValues.get(ref);
                    if (flag != 0 && ref != null && ref.def() != null) {
                        List<String> names = ref.def().controlNames();
                        b.append('\n').append("   ".repeat(depth + 2));
                        for (int k = 0; k < names.size(); k++) {
                            b.append(names.get(k)).append(": ").append(values != null ? values[k] : ref.def().controlDefault(k)).append(' ');
                        }
                    }
                }
            }
        }
        log.accept(b.toString());
    }

    private void status(OscPeer from) {
        var s = server.status();
        int groups = Math.max(0, s.nodes() - s.synths()) + 2; // the root and default groups are not counted in status()
        reply(from, "/status.reply", 1, 0, s.synths(), groups, server.defNames().size(), (float) s.cpu(), (float) s.peakCpu(),
                (double) server.sampleRate(), (double) server.sampleRate());
    }

    /** {@code /synced} once the asynchronous work before it is done and the audio thread has performed everything sent before it. */
    private void sync(List<Object> a, long time, OscPeer from) throws Fail {
        int id = intArg(a, 0, "sync id");
        CompletableFuture<Void> performed = new CompletableFuture<>();
        server.sendToRt(new SyncMark(time, () -> performed.complete(null)));
        CompletableFuture.allOf(asyncTail, performed).whenComplete((v, e) -> reply(from, "/synced", id));
    }

    // ---- buses and buffers ----

    private void cSet(List<Object> a, long time) throws Fail {
        pairs(a, 0, "bus index and value");
        int n = a.size() / 2;
        int[] idx = new int[n];
        float[] vs = new float[n];
        for (int i = 0; i < n; i++) {
            idx[i] = busIndex(intArg(a, 2 * i, "bus index"));
            vs[i] = floatArg(a, 2 * i + 1, "bus value");
        }
        if (n > 0) server.sendToRt(ControlBuses.set(time, idx, vs));
    }

    private void cGet(List<Object> a, long time, OscPeer from) throws Fail {
        int[] idx = new int[a.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = busIndex(intArg(a, i, "bus index"));
        if (idx.length == 0) return;
        server.sendToRt(ControlBuses.get(time, idx, c -> {
            Object[] args = new Object[2 * c.indices.length];
            for (int i = 0; i < c.indices.length; i++) {
                args[2 * i] = c.indices[i];
                args[2 * i + 1] = c.values[i];
            }
            reply(from, "/c_set", args);
        }));
    }

    private int busIndex(int i) throws Fail {
        int n = server.options().controlBuses();
        if (i < 0 || i >= n) throw new Fail("Bus index out of range: " + i + " (0.." + (n - 1) + ")");
        return i;
    }

    private int bufferNumber(List<Object> a, int i) throws Fail {
        int slot = intArg(a, i, "buffer number");
        if (slot < 0 || slot >= server.buffers().capacity()) throw new Fail("Buffer number out of range: " + slot);
        return slot;
    }

    private void bAllocRead(List<Object> a, OscPeer from) throws Fail {
        int slot = bufferNumber(a, 0);
        Path path = Path.of(stringArg(a, 1, "file path"));
        if (a.size() > 2 && (intArg(a, 2, "start frame") != 0 || intArg(a, 3, "frame count", -1) > 0)) {
            throw new Fail("reading part of a file (start frame, frame count) is not supported; the whole file is read");
        }
        if (!Files.isRegularFile(path)) throw new Fail("File '" + path + "' could not be opened: no such file");
        var ref = server.loadBuffer(path, slot);
        CompletableFuture<?> done = ref.ready().handle((b, e) -> {
            if (e != null) fail(from, "/b_allocRead", String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            else reply(from, "/done", "/b_allocRead", slot);
            return null;
        });
        asyncTail = CompletableFuture.allOf(asyncTail, done);
    }

    private void bFree(List<Object> a, OscPeer from) throws Fail {
        int slot = bufferNumber(a, 0);
        server.sendToRt(new SwapBuffer(server.buffers(), slot, null));
        reply(from, "/done", "/b_free", slot);
    }
}
