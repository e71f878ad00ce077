package dev.sonora.server.rt;

/**
 * A running instance of a synth definition: a flat, topologically sorted unit array.
 * Built (units, wires, state) on the sender side; processed on the audio thread.
 */
public final class RtSynth extends RtNode {
    private final String defName;
    private Ugen[] units;
    private SynthControl[] controls;
    // set by a unit whose doneAction fires; read right after the synth's units ran
    private boolean done;
    // some control is ramping (or settling): only then are the controls processed at all
    private boolean controlsBusy;
    // where its units write buses in the range being processed: null (the world's) or a parallel task's
    private Lane lane;

    public RtSynth(int id, String defName) {
        super(id);
        this.defName = defName;
    }

    /**
     * Installs the compiled units ({@code units} excludes the controls, which run only while
     * they ramp). Sender side, before the synth is sent to the audio thread.
     */
    public void install(Ugen[] units, SynthControl[] controls) {
        this.units = units;
        this.controls = controls;
    }

    private static final Buffer[] NONE_HELD = new Buffer[0];
    // buffers this synth plays, recorded on the sender side; NRT releases them when it ends
    private Buffer[] held = NONE_HELD;
    // the pool entry this synth belongs to (opaque here), or null for a synth built to be dropped
    private Object pooled;

    /** Sender side, once, when a pool builds this synth: the entry it goes back to. */
    public void setPooled(Object entry) {
        this.pooled = entry;
    }

    /** The pool entry this synth goes back to when it ends, or null. NRT and sender. */
    public Object pooled() {
        return pooled;
    }

    /**
     * Starts a new life of a pooled synth that has ended and come back to NRT: a new id, the next
     * generation (so commands aimed at the last life are refused), not done, running, no links,
     * no buffers. The caller resets the units. Sender side, while no other thread holds it.
     */
    public void reuse(int newId) {
        id = newId;
        generation++;
        done = false;
        controlsBusy = false;
        running = true;
        lane = null;
        parent = null;
        prev = null;
        next = null;
        held = NONE_HELD;
    }

    /** The compiled units (not the controls), in the order they run. Sender side (pool reset). */
    public Ugen[] units() {
        return units;
    }

    /** Sender side, while building: this synth plays {@code b}. */
    public void hold(Buffer b) {
        held = java.util.Arrays.copyOf(held, held.length + 1);
        held[held.length - 1] = b;
    }

    /** NRT, after the synth came back: the buffers it played. */
    public Buffer[] heldBuffers() {
        return held;
    }

    public String defName() {
        return defName;
    }

    /** Asks the audio thread to end this synth after its current range (doneAction). */
    public void markDone() {
        done = true;
    }

    /** Sets control {@code index} to {@code value} from the current block offset. Audio thread only. */
    public void setControl(int index, float value) {
        if (index >= 0 && index < controls.length) {
            controls[index].set(value);
            controlsBusy = true;
        }
    }

    public int numControls() {
        return controls.length;
    }

    /**
     * The lane of the parallel task this synth is running in, or null (the world's buses). Read
     * by the units that reach buses, on whichever thread runs the synth's range.
     */
    public Lane laneOnRt() {
        return lane;
    }

    @Override
    void process(World world, Lane lane, int from, int to) {
        this.lane = lane;
        if (controlsBusy) {
            boolean busy = false;
            final SynthControl[] cs = controls;
            for (int i = 0; i < cs.length; i++) {
                cs[i].process(from, to);
                busy |= cs[i].busy();
            }
            controlsBusy = busy;
        }
        final Ugen[] us = units;
        for (int i = 0; i < us.length; i++) {
            us[i].process(from, to);
        }
        if (done) {
            // inside a parallel task the tree is shared with the other tasks: end after the join
            if (lane != null) lane.endLaterOnRt(this);
            else world.endNode(this);
        }
    }

    @Override
    boolean isGroup() {
        return false;
    }
}
