package dev.sonora.server.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.StringLiterals;
import dev.sonora.server.rt.World;

/**
 * A JACK client whose process callback runs Sonora's block loop. JACK's real-time thread,
 * which Sonora does not create, becomes the audio thread the moment it first enters the block
 * loop ({@link Server#audioThreadStarted}): every RT proof finds it by that, and JNA keeps it
 * attached to the JVM (named {@code sonora-rt}) so it is the same {@code Thread} every period.
 *
 * <p>Each JACK period runs {@code period / block} Sonora blocks, writing straight into the
 * port buffers (JACK's samples are 32-bit floats like Sonora's). A period that is not a
 * whole number of blocks is refused in one line: at start-up as an error, later (JACK's
 * buffer size changed) by playing silence until it is whole again. A sample rate other than
 * the server's is refused the same way. JACK's xrun callback counts {@code status().xruns}.
 * When the JACK server goes away, the listener given to {@link #onServerGone} hears it once
 * (on a JACK thread: hand the work elsewhere).
 *
 * <p>Lifecycle methods: the controlling thread. The process callback: audio thread only.
 */
public final class JackDriver implements Driver {
    private final Server server;
    private final RtEngine engine;
    private final World world;
    private final JackSettings settings;
    private final Consumer<String> notices;
    private final int blockSize;
    private final long client;
    private final String clientName;
    private final long[] outPorts;
    private final long[] inPorts;
    private final long[] outAddr;
    private final long[] inAddr;
    private final JackLib.MovablePointer cursor = new JackLib.MovablePointer();
    private final float[] zeros;
    private final float[] scratch;
    private final Sink sink = new Sink();
    private final Input input = new Input();
    private final List<String> connections = new ArrayList<>();
    private final WorkerThreads workers;
    // JNA calls these from native code: strong references keep them from being collected
    /** The name of the JACK threads that call Sonora for anything but audio (xruns, the server going). */
    static final String NOTIFY_THREAD = "sonora-jack-notify";
    private final JackLib.ProcessCallback process = this::processOnRt;
    private final JackLib.XrunCallback xrun = this::xrunOnJack;
    private final JackLib.FramesCallback periodChanged = (frames, arg) -> {
        periodChangedOnJack(frames);
        return 0;
    };
    private final JackLib.FramesCallback rateChanged = (rate, arg) -> {
        rateChangedOnJack(rate);
        return 0;
    };
    private final JackLib.ShutdownCallback shutdown = (code, reason, arg) -> serverGone(reason);

    private volatile Thread rtThread;
    private volatile int period;
    private volatile boolean periodRefused;
    private volatile boolean rateRefused;
    private volatile boolean released;
    private volatile boolean inCallback;
    private volatile boolean gone;
    private volatile Consumer<String> goneListener;
    private boolean active;
    private boolean closed;
    private volatile long callbackErrors;
    private int blockOffset; // audio thread: where in the period the current block goes

    /**
     * Opens a JACK client and registers its ports; {@link #start} activates it. Throws
     * {@link ServerException} with one line when libjack is missing, no server runs, or the
     * server's rate or period cannot carry Sonora's. {@code notices} hears later refusals.
     */
    public JackDriver(Server server, JackSettings settings, Consumer<String> notices) {
        String missing = JackLib.loadError();
        if (missing != null) throw new ServerException("jack: " + missing);
        int outs = settings.outputs();
        int ins = settings.inputs();
        if (outs < 1 || ins < 0 || outs + ins > JackSettings.HARDWARE_BUSES) {
            throw new ServerException("jack: " + outs + " outputs and " + ins + " inputs do not fit: at least 1 output, at most "
                    + JackSettings.HARDWARE_BUSES + " ports in all");
        }
        this.server = server;
        this.engine = server.engine();
        this.world = engine.world();
        this.settings = settings;
        this.notices = notices;
        this.blockSize = server.blockSize();
        this.workers = new WorkerThreads(server, true); // JACK's thread is real-time already; ours ask for it
        int[] status = new int[1];
        int options = JackLib.JACK_NO_START_SERVER;
        long c = settings.serverName() == null
                ? JackLib.jack_client_open(settings.clientName(), options, status)
                : JackLib.jack_client_open(settings.clientName(), options | JackLib.JACK_SERVER_NAME, status, settings.serverName());
        if (c == 0) {
            throw new ServerException("jack: no JACK server is running" + (settings.serverName() == null ? "" : " as '" + settings.serverName() + "'")
                    + " (status 0x" + Integer.toHexString(status[0]) + ")");
        }
        this.client = c;
        try {
            this.clientName = JackLib.jack_get_client_name(c);
            int rate = JackLib.jack_get_sample_rate(c);
            if (rate != server.sampleRate()) {
                throw new ServerException("jack: the JACK server runs at " + rate + " Hz and Sonora at " + server.sampleRate()
                        + " Hz: start Sonora with --sample-rate " + rate);
            }
            this.period = JackLib.jack_get_buffer_size(c);
            if (!whole(period)) throw new ServerException("jack: " + periodProblem(period));
            this.outPorts = register(outs, "out_", JackLib.PORT_IS_OUTPUT);
            this.inPorts = register(ins, "in_", JackLib.PORT_IS_INPUT);
            this.outAddr = new long[outs];
            this.inAddr = new long[ins];
            this.zeros = new float[blockSize];
            this.scratch = new float[blockSize];
            // keep JACK's thread attached between periods (one Thread object, no re-attach per
            // period), named like every Sonora audio thread, and never holding the JVM open
            Native.setCallbackThreadInitializer(process, new CallbackThreadInitializer(true, false, AudioThread.NAME));
            check(JackLib.jack_set_process_callback(c, process, null), "process callback");
            // the xrun callback comes on JACK's notification thread, often (dozens a minute on a busy
            // machine): kept attached too, or JNA attaches and detaches that thread around every call,
            // and a detach among thousands crashed the JVM (SIGSEGV in jni_DetachCurrentThread,
            // 2026-12-02). Only this one: JACK calls the buffer-size callback on its process thread,
            // which must keep the audio thread's name.
            Native.setCallbackThreadInitializer(xrun, new CallbackThreadInitializer(true, false, NOTIFY_THREAD));
            check(JackLib.jack_set_xrun_callback(c, xrun, null), "xrun callback");
            // JACK calls the buffer-size callback on its process thread, first, before any process
            // call: the same name and the same stay-attached as the process callback. The others come
            // on threads of JACK's own (the shutdown on one it makes as the server goes): attached once
            // and kept, like the xrun's. Without an initializer JNA attached a thread as "Thread-N" and
            // detached it after the call, and such a detach crashed the JVM again (2026-12-02, 15:39 UTC:
            // an unnamed thread made after the process thread, SIGSEGV in jni_DetachCurrentThread).
            Native.setCallbackThreadInitializer(periodChanged, new CallbackThreadInitializer(true, false, AudioThread.NAME));
            check(JackLib.jack_set_buffer_size_callback(c, periodChanged, null), "buffer size callback");
            Native.setCallbackThreadInitializer(rateChanged, new CallbackThreadInitializer(true, false, NOTIFY_THREAD));
            check(JackLib.jack_set_sample_rate_callback(c, rateChanged, null), "sample rate callback");
            Native.setCallbackThreadInitializer(shutdown, new CallbackThreadInitializer(true, false, NOTIFY_THREAD));
            JackLib.jack_on_info_shutdown(c, shutdown, null);
            // only JACK's thread runs these: their first C2 compile would make their literals there
            StringLiterals.resolve(JackDriver.class, Sink.class, Input.class, JackLib.MovablePointer.class, Pointer.class);
        } catch (RuntimeException e) {
            JackLib.jack_client_close(c);
            throw e;
        }
    }

    /** Whether a JACK server is running (libjack loads and a client can join). Any thread. */
    public static boolean serverRunning(String serverName) {
        return serverRate(serverName) > 0;
    }

    /**
     * The sample rate of the running JACK server, or 0 when none runs (or libjack is missing):
     * a start without {@code --sample-rate} takes JACK's rate instead of refusing it. Any thread;
     * joins and leaves the server once (a few milliseconds).
     */
    public static int serverRate(String serverName) {
        if (JackLib.loadError() != null) return 0;
        int[] status = new int[1];
        int options = JackLib.JACK_NO_START_SERVER;
        long c = serverName == null ? JackLib.jack_client_open("sonora-probe", options, status)
                : JackLib.jack_client_open("sonora-probe", options | JackLib.JACK_SERVER_NAME, status, serverName);
        if (c == 0) return 0;
        try {
            return JackLib.jack_get_sample_rate(c);
        } finally {
            JackLib.jack_client_close(c);
        }
    }

    /** Null when libjack loads, else one line saying why not. Any thread. */
    public static String libraryProblem() {
        return JackLib.loadError();
    }

    private long[] register(int n, String prefix, long flags) {
        long[] ports = new long[n];
        for (int i = 0; i < n; i++) {
            ports[i] = JackLib.jack_port_register(client, prefix + (i + 1), JackLib.AUDIO_TYPE, new NativeLong(flags), new NativeLong(0));
            if (ports[i] == 0) throw new ServerException("jack: cannot register port " + prefix + (i + 1));
        }
        return ports;
    }

    private static void check(int result, String what) {
        if (result != 0) throw new ServerException("jack: cannot set the " + what + " (" + result + ")");
    }

    private boolean whole(int frames) {
        return frames >= blockSize && frames % blockSize == 0;
    }

    private String periodProblem(int frames) {
        return "JACK's period of " + frames + " frames is not a whole number of Sonora blocks of " + blockSize
                + " (start Sonora with --block " + Math.max(1, Integer.lowestOneBit(Math.max(1, frames))) + ", or give JACK a period of a multiple of "
                + blockSize + ")";
    }

    /** The client's name on the JACK graph (e.g. "sonora"). Any thread. */
    public String clientName() {
        return clientName;
    }

    /** Full names of this client's ports, outputs first. Any thread. */
    public List<String> portNames() {
        List<String> names = new ArrayList<>();
        for (long p : outPorts) names.add(JackLib.jack_port_name(p));
        for (long p : inPorts) names.add(JackLib.jack_port_name(p));
        return names;
    }

    /** Who hears, once, that the JACK server went away (called on a JACK thread). */
    public void onServerGone(Consumer<String> listener) {
        goneListener = listener;
        if (gone) listener.accept("the JACK server went away");
    }

    public boolean serverGone() {
        return gone;
    }

    @Override
    public void start() {
        if (inPorts.length > 0) engine.setBlockInput(input); // the engine reads the input ports each block
        workers.start();
        check(JackLib.jack_activate(client), "client active");
        active = true;
        if (settings.connect()) {
            connectPorts(outPorts, JackLib.PORT_IS_INPUT, true);
            connectPorts(inPorts, JackLib.PORT_IS_OUTPUT, false);
        }
    }

    private void connectPorts(long[] ours, long physicalFlags, boolean outputs) {
        String[] system = JackLib.takeNames(JackLib.jack_get_ports(client, null, JackLib.AUDIO_TYPE,
                new NativeLong(JackLib.PORT_IS_PHYSICAL | physicalFlags)));
        for (int i = 0; i < ours.length && i < system.length; i++) {
            String mine = JackLib.jack_port_name(ours[i]);
            int r = outputs ? JackLib.jack_connect(client, mine, system[i]) : JackLib.jack_connect(client, system[i], mine);
            if (r == 0 || r == 17 /* EEXIST: already connected */) connections.add(outputs ? system[i] : mine);
        }
    }

    // ---- the audio thread ----

    private int processOnRt(int nframes, Pointer arg) {
        // the flag the controlling thread waits on before another driver takes over
        inCallback = true;
        try {
            if (released) return 0;
            Thread me = Thread.currentThread();
            if (me != rtThread) { // JACK's thread enters the block loop: it is the audio thread
                rtThread = me;
                server.audioThreadStarted(me);
            }
            for (int i = 0; i < outAddr.length; i++) outAddr[i] = JackLib.jack_port_get_buffer(outPorts[i], nframes);
            for (int i = 0; i < inAddr.length; i++) inAddr[i] = JackLib.jack_port_get_buffer(inPorts[i], nframes);
            if (periodRefused || rateRefused || nframes % blockSize != 0) {
                silence(nframes);
                return 0;
            }
            long entered = System.nanoTime();
            int enteredFrames = JackLib.jack_frames_since_cycle_start(client);
            engine.cycleStartsOnRt(entered); // the callback's start maps the period's first frame
            for (int offset = 0; offset < nframes; offset += blockSize) {
                blockOffset = offset;
                engine.renderBlock(sink);
            }
            // a cycle that ends in the last quarter of its period is kept: woken late, or slow once running
            engine.lateCycles().recordOnRt(entered, enteredFrames, JackLib.jack_frames_since_cycle_start(client), nframes - nframes / 4);
        } catch (Throwable t) {
            // renderBlock never throws; this guards the JNA boundary, which must not see one
            callbackErrors++;
        } finally {
            inCallback = false;
        }
        return 0;
    }

    private void silence(int nframes) {
        for (int i = 0; i < outAddr.length; i++) {
            engine.cycleStartsOnRt(System.nanoTime()); // the callback's start maps the period's first frame
            for (int offset = 0; offset < nframes; offset += blockSize) {
                cursor.at(outAddr[i]).write(4L * offset, zeros, 0, Math.min(blockSize, nframes - offset));
            }
        }
    }

    /** Writes each finished block into the output ports at its place in the period. Audio thread only. */
    private final class Sink implements AudioOut {
        @Override
        public void write(float[] left, float[] right, int frames) {
            final long at = 4L * blockOffset;
            final long[] addr = outAddr;
            if (addr.length == 1) {
                final float[] s = scratch;
                for (int i = 0; i < frames; i++) s[i] = 0.5f * (left[i] + right[i]);
                cursor.at(addr[0]).write(at, s, 0, frames);
                return;
            }
            cursor.at(addr[0]).write(at, left, 0, frames);
            cursor.at(addr[1]).write(at, right, 0, frames);
            for (int k = 2; k < addr.length; k++) {
                // outputs past the main pair carry their bus, kept in [-1, 1] and free of NaN
                final float[] bus = world.audioBuses[k];
                final float[] s = scratch;
                for (int i = 0; i < frames; i++) {
                    float x = bus[i];
                    s[i] = x >= -1f && x <= 1f ? x : (x > 1f ? 1f : (x < -1f ? -1f : 0f));
                }
                cursor.at(addr[k]).write(at, s, 0, frames);
            }
        }
    }

    /** Copies the input ports' samples for the current block into their buses. Audio thread only. */
    private final class Input implements RtEngine.BlockInput {
        @Override
        public void readOnRt(World w, int frames) {
            final long at = 4L * blockOffset;
            final int first = outPorts.length;
            for (int j = 0; j < inAddr.length; j++) {
                cursor.at(inAddr[j]).read(at, w.audioBuses[first + j], 0, frames);
                w.audioBusWritten[first + j] = true; // cleared before the next block
            }
        }
    }

    // ---- JACK's other threads ----

    /** JACK reports an xrun (its notification thread; the test calls it to simulate one). */
    int xrunOnJack(Pointer arg) {
        server.stats().countXrun();
        return 0;
    }

    private void periodChangedOnJack(int frames) {
        boolean ok = whole(frames);
        boolean was = periodRefused;
        period = frames;
        periodRefused = !ok;
        if (!ok && !was) notices.accept("jack: " + periodProblem(frames) + " — playing silence until it is");
        if (ok && was) notices.accept("jack: JACK's period is " + frames + " frames: playing again");
    }

    private void rateChangedOnJack(int rate) {
        boolean ok = rate == server.sampleRate();
        boolean was = rateRefused;
        rateRefused = !ok;
        if (!ok && !was) {
            notices.accept("jack: the JACK server changed to " + rate + " Hz; Sonora runs at " + server.sampleRate()
                    + " Hz — playing silence until it is back (or restart Sonora with --sample-rate " + rate + ")");
        }
        if (ok && was) notices.accept("jack: the JACK server is back at " + rate + " Hz: playing again");
    }

    private void serverGone(String reason) {
        if (gone) return;
        gone = true;
        Consumer<String> l = goneListener;
        if (l != null) l.accept("the JACK server went away" + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")"));
    }

    // ---- controlling thread ----

    /**
     * Stops the process callback from touching the engine and waits until it is out of it, so
     * another driver's thread can become the audio thread. Idempotent; the client stays open.
     */
    public void release() {
        released = true;
        engine.setBlockInput(null);
        long deadline = System.nanoTime() + 200_000_000L;
        while (inCallback && System.nanoTime() < deadline) LockSupport.parkNanos(100_000);
        workers.close();
    }

    public Thread audioThread() {
        return rtThread;
    }

    /** Parallel-group tasks this driver's worker threads have run (tests). */
    public long workerTasksRun() {
        return workers.tasksRun();
    }

    /** Output latency in frames: JACK's playback latency of the first output port, at least one period. */
    public int outputLatencyFrames() {
        int[] range = new int[2];
        if (!gone) JackLib.jack_port_get_latency_range(outPorts[0], JackLib.PLAYBACK_LATENCY, range);
        return Math.max(range[1], period);
    }

    @Override
    public String describe() {
        String to = connections.isEmpty() ? (settings.connect() ? " (no system playback ports to connect to)" : " (not connected: --no-connect)")
                : " → " + String.join(", ", connections);
        return String.format(Locale.ROOT, "jack: client '%s'%s, %d Hz, period %d frames (%d blocks of %d), %d output%s%s%s, output latency %s",
                clientName, settings.serverName() == null ? "" : " on server '" + settings.serverName() + "'", server.sampleRate(),
                period, period / blockSize, blockSize, outPorts.length, outPorts.length == 1 ? "" : "s", to,
                inPorts.length == 0 ? "" : ", " + inPorts.length + " input" + (inPorts.length == 1 ? "" : "s"), Latency.ms(outputLatencyFrames(), server.sampleRate()))
                + ", " + workers.describe();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        release();
        if (active && !gone) JackLib.jack_deactivate(client);
        JackLib.jack_client_close(client);
    }
}
