package dev.sonora.server;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * Child-process half of {@link FirstUseAllocationTest}: in a fresh JVM, boots as the REPL does
 * (kernel warm-up on the boot thread, then a server), lets the audio thread run empty blocks,
 * then plays every unit type and sends every command for the first time on the live server,
 * then runs its first parallel group, and prints what its audio thread (and, for the parallel
 * group, its worker) allocated meanwhile.
 */
public final class FirstUseProbe {
    private FirstUseProbe() {
    }

    public static void main(String[] args) {
        // as at boot: the kernel warm-up runs on another thread first; it is what resolves each
        // kernel's references to other classes (a reference first resolved on the audio thread
        // makes the JVM allocate the class name there)
        dev.sonora.server.Warmup.run(ServerOptions.defaults(), 400);
        // one worker at least, so the first parallel group below runs on one whatever the cores
        Rig rig = new Rig(ServerOptions.defaults().withWorkers(Math.max(1, ServerOptions.defaultWorkers())), 64);
        Server s = rig.server;
        // the driver's own hand-over loop gets compiled first (a compilation the audio thread
        // triggers can allocate on it; that is the JVM's, not the first use measured here)
        for (int i = 0; i < 400; i++) rig.blocks(1);
        Thread rt = rig.driver.audioThread();
        long before = Server.allocatedBytes(rt);
        StringBuilder report = new StringBuilder();
        for (UnitType t : Units.builtIn().warmable()) {
            GraphBuilder b = new GraphBuilder();
            Signal[] in = new Signal[t.inputs().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = i == 0 ? b.control("x", 220) : b.constant(Float.isNaN(t.defaults()[i]) ? 0.5 : t.defaults()[i]);
            }
            Signal out = b.unit(t.name(), in);
            s.addDef(b.build(t.name(), out.channels() > 0 ? out : null));
            long a0 = Server.allocatedBytes(rt);
            NodeRef n = s.synth(t.name(), null, null, AddAction.TAIL, s.defaultGroup(), s.sampleTime() + 10);
            rig.blocks(3);
            if (n.playing() && in.length > 0) s.set(n, new String[] {"x"}, new float[] {330}, s.sampleTime() + 5);
            rig.blocks(3);
            if (n.playing()) s.free(n, Command.NOW);
            rig.blocks(2);
            long a1 = Server.allocatedBytes(rt);
            if (a1 != a0) report.append(' ').append(t.name()).append('=').append(a1 - a0);
        }
        long a0 = Server.allocatedBytes(rt);
        NodeRef g = s.group(AddAction.TAIL, s.defaultGroup(), Command.NOW);
        NodeRef g2 = s.group(AddAction.BEFORE, g, Command.NOW);
        rig.blocks(1);
        s.move(g2, AddAction.AFTER, g, Command.NOW);
        s.run(g, false, Command.NOW);
        s.run(g, true, s.sampleTime() + 3);
        s.fadeOut(0.001);
        rig.blocks(2);
        s.fadeIn(0);
        s.freeAll(s.defaultGroup(), Command.NOW);
        rig.blocks(2);
        s.set(s.synth("sine", null, null, AddAction.TAIL, s.defaultGroup(), Command.NOW), new String[] {"x"}, new float[] {1}, 0);
        rig.blocks(2);
        long a1 = Server.allocatedBytes(rt);
        if (a1 != a0) report.append(" commands=").append(a1 - a0);
        long parallel = firstParallelGroup(rig, rt);
        if (parallel != 0) report.append(" parallel=").append(parallel);
        System.out.println("first-use allocation on sonora-rt: " + (Server.allocatedBytes(rt) - before + parallel) + " B" + report);
        rig.close();
    }

    /**
     * The first parallel group on the live server, with a meter on one of its children: the
     * children split between the audio thread and the workers, then the group freed. Returns what the workers and the audio thread
     * allocated meanwhile; refuses a run where no worker took a child, which would prove nothing
     * about the workers.
     */
    private static long firstParallelGroup(Rig rig, Thread rt) {
        Server s = rig.server;
        Thread[] workers = s.workerThreads();
        if (workers.length == 0) throw new IllegalStateException("no worker thread has started");
        long w0 = 0;
        for (Thread w : workers) w0 += Server.allocatedBytes(w);
        long a0 = Server.allocatedBytes(rt), tasks0 = rig.driver.workerTasksRun();
        NodeRef p = s.parallelGroup(AddAction.TAIL, s.defaultGroup(), Command.NOW);
        NodeRef first = null;
        for (int i = 0; i < 6; i++) {
            NodeRef n = s.synth("sine", new String[] {"x"}, new float[] {220 + 55 * i}, AddAction.TAIL, p, Command.NOW);
            if (first == null) first = n;
        }
        // and the first meter on a node inside it, measured in its task's lane
        int meter = s.observers().add(new dev.sonora.server.observe.MeterTap(s.nodeTapSource(first, 0), s.blockSize(), 480));
        // a worker parked between steps may find the block done before it wakes: play on until one took a child
        for (int step = 0; step < 500 && rig.driver.workerTasksRun() == tasks0; step++) rig.blocks(20);
        s.free(p, Command.NOW);
        rig.blocks(3);
        s.observers().remove(meter);
        long w1 = 0;
        for (Thread w : s.workerThreads()) w1 += Server.allocatedBytes(w);
        if (s.workerThreads().length != workers.length) throw new IllegalStateException("a worker started during the probe");
        if (rig.driver.workerTasksRun() == tasks0) throw new IllegalStateException("no worker ran a child of the parallel group");
        return Server.allocatedBytes(rt) - a0 + w1 - w0;
    }
}
