package dev.sonora.repl.midi;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.HandlerCall;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.server.Server;
import dev.sonora.server.midi.MidiDispatcher;
import dev.sonora.server.midi.MidiHub;
import dev.sonora.server.midi.device.MidiInputs;
import dev.sonora.server.midi.file.MidiFileException;
import dev.sonora.server.midi.file.SmfPlayer;
import dev.sonora.server.midi.file.SmfReader;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiType;

/**
 * The JS API's door to MIDI (the prelude module {@code midi.mjs} gets it): inputs, handlers,
 * direct cc mappings and file playback over one {@link MidiHub} and one {@link MidiDispatcher}.
 *
 * <p>Handlers run on the Lang loop. Live, a {@link MidiWaker} posts the poll when messages
 * wait; in {@code --render} the renderer calls {@link #beforeOfflineBlock} before each block,
 * which pumps the file player up to the block's end and dispatches what it sent, so a render
 * is deterministic. Either way a handler's sound goes out at the next block, unless
 * {@link MidiLatency constant latency} is on: then it plays at the message's arrival sample
 * plus the latency. Direct note mappings ({@link MidiNotes}) are played by the waker's thread
 * live and before each block in a render, never waiting for the Lang loop.
 *
 * <p>Lang thread only (the JS context and the renderer call it), except where noted.
 */
public final class MidiBridge implements AutoCloseable {
    /** Messages handled per Lang task at most, so a flood cannot starve the REPL. */
    static final int MAX_PER_POLL = 512;
    /** How often open inputs are checked for unplugging. */
    static final long WATCH_MILLIS = 500;

    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final JsHost host;
    private final AtomicLong handlerFailures = new AtomicLong(); // the script handlers' (HandlerCall)
    private final MidiDispatcher dispatcher;
    private final MidiMessage scratch = new MidiMessage();
    private final MidiWaker waker;
    private final MidiLatency latency;
    private final MidiNotes notes;
    private volatile MidiHub hub; // replaced only by useDevices; the waker reads it
    private volatile int openInputs;
    private volatile SmfPlayer livePlayer;
    private SmfPlayer offlinePlayer;
    private boolean offline;
    private MidiHandler tap; // sees every message before the handlers (the clock follower); Lang's

    public MidiBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.host = host;
        this.dispatcher = new MidiDispatcher((what, e) -> output.err(what + " handler: " + e.getMessage()));
        this.hub = newHub(MidiInputs.SYSTEM);
        this.latency = new MidiLatency(server, output);
        this.notes = new MidiNotes(server, output, latency);
        this.waker = new MidiWaker(lang, this::active, () -> hub.hasWaiting(), this::pollOnLang, this::pumpNotes);
    }

    /** Hands over the prelude's bridge, whose node commands constant latency timestamps. */
    @HostAccess.Export
    public void attach(Object bridge) {
        if (!(bridge instanceof Bridge b)) throw new IllegalArgumentException("midi: not the prelude's bridge");
        latency.attach(b);
    }

    // ---- constant latency ----

    /** {@code midi.latency()}: milliseconds from arrival to sound, 0 = as soon as possible. */
    @HostAccess.Export
    public double latencyMillis() {
        return latency.millis();
    }

    /** {@code midi.latency(ms)}, {@code --midi-latency MS}: 0..1000; throws one line otherwise. */
    @HostAccess.Export
    public void setLatency(double ms) {
        latency.millis(ms);
    }

    private MidiHub newHub(MidiInputs.DeviceSource devices) {
        MidiHub h = new MidiHub(server, devices);
        // any thread (the watch, a device's driver): Output is thread-safe, and nothing else happens here
        h.setListener((name, reason) -> output.err("midi: input '" + name + "' is gone (" + reason + "); the others keep playing"));
        return h;
    }

    private boolean active() {
        SmfPlayer p = livePlayer;
        return openInputs > 0 || (p != null && !p.finished());
    }

    // ---- message types (the one table: MidiType) ----

    /** The type names handlers may use, 'any' last. */
    @HostAccess.Export
    public ProxyArray types() {
        return JsValues.list(MidiDispatcher.TYPES);
    }

    /** A message's type name (a note-on with velocity 0 is a note-off), or 'system' for one without a name. */
    @HostAccess.Export
    public String typeOf(int status, int data2) {
        MidiType t = MidiType.of(status, data2);
        return t == null ? "system" : t.label();
    }

    // ---- inputs ----

    @HostAccess.Export
    public ProxyArray devices() {
        return JsValues.list(hub.devices());
    }

    @HostAccess.Export
    public ProxyArray opened() {
        return JsValues.list(hub.opened());
    }

    /** {@code midi.open(name)}: the names opened. */
    @HostAccess.Export
    public ProxyArray open(String name) {
        return JsValues.list(openInputs(name));
    }

    /** {@code --midi-in NAME|all}: opens before the scripts run; throws {@link MidiException} (one line). */
    public List<String> openInputs(String name) {
        try {
            List<String> names = hub.open(name);
            openInputs = hub.opened().size();
            hub.startWatch(WATCH_MILLIS);
            waker.wake();
            return names;
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @HostAccess.Export
    public void close(String name) {
        try {
            hub.close(name);
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        } finally {
            openInputs = hub.opened().size();
        }
    }

    // ---- handlers ----

    /**
     * {@code midi.on(type, fn, {channel})}: {@code adapter(status, data1, data2)} calls the
     * user's function; {@code channel} 0..15 or -1. Returns an id for {@link #off}.
     */
    @HostAccess.Export
    public int on(String type, int channel, Value adapter) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        try {
            return handler(adapter, "midi.on('" + t + "')", h -> dispatcher.on(t, channel, h));
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** {@code midi.cc(n, fn, {channel})}. */
    @HostAccess.Export
    public int onCc(int cc, int channel, Value adapter) {
        try {
            return handler(adapter, "midi.cc(" + cc + ")", h -> dispatcher.onCc(cc, channel, h));
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Registers a script handler with {@code register} (which gives its id): the prelude's
     * {@code adapter(status, data1, data2)} calls the user's function with the arguments of its
     * type. Errors and timeouts are the {@link HandlerCall}'s; a timeout turns it off here.
     */
    private int handler(Value adapter, String what, MidiRegistration register) throws MidiException {
        HandlerCall call = new HandlerCall(adapter, what, lang, server, output, handlerFailures);
        int id = register.add(m -> call.call(m.status, m.data1, m.data2));
        call.turnOffWith(() -> dispatcher.off(id));
        return id;
    }

    private interface MidiRegistration {
        int add(MidiHandler h) throws MidiException;
    }

    @HostAccess.Export
    public boolean off(int id) {
        return dispatcher.off(id);
    }

    /** Removes every handler; returns how many there were. */
    @HostAccess.Export
    public int offAll() {
        int n = dispatcher.size();
        dispatcher.clear();
        return n;
    }

    @HostAccess.Export
    public int handlers() {
        return dispatcher.size();
    }

    // ---- direct mappings ----

    /** {@code midi.cc(n).to(bus, lo, hi)}: applied on the audio thread from the next block. */
    @HostAccess.Export
    public void mapCc(int cc, int channel, int bus, double lo, double hi) {
        try {
            hub.mapCc(cc, channel, bus, (float) lo, (float) hi);
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @HostAccess.Export
    public void unmapCc(int cc, int channel, int bus) {
        hub.unmapCc(cc, channel, bus);
    }

    // ---- direct note mappings ----

    /**
     * {@code midi.notes({channel}).play(def, controls)}: from now on each note-on starts {@code def}
     * and its note-off releases it, played off the Lang loop ({@link MidiNotes}). An unknown def or
     * control throws one line. Returns an id for {@link #unmapNotes}.
     */
    @HostAccess.Export
    public int mapNotes(int channel, String def, Value names, Value values) {
        return notes.map(hub, channel, def, JsValues.strings(names), JsValues.floats(values));
    }

    @HostAccess.Export
    public boolean unmapNotes(int id) {
        return notes.unmap(hub, id);
    }

    /** The waker's thread: plays what waits for the note mappings (cheap when nothing does). */
    private void pumpNotes() {
        MidiHub h = hub;
        if (h.hasNoteWaiting()) notes.pump(h);
    }

    // ---- files ----

    /**
     * {@code midi.play(path)}: reads the file now (a bad one throws one line naming it) and plays
     * it from the next block. One file plays at a time, like a song on a player: a new one replaces
     * what played (its notes are released first) and says so in one line. Returns {file, seconds,
     * events}.
     */
    @HostAccess.Export
    public ProxyObject play(String path) {
        Path p = host.resolve(path, "midi.play", "MIDI file");
        SmfPlayer player;
        String replaced = null;
        try {
            if (playing()) SmfReader.read(p); // a bad file is refused before the one playing stops
            if (playing()) {
                replaced = (offline ? offlinePlayer : livePlayer).name();
                stop(); // what plays now releases its notes through the handlers first
            }
            if (offline) {
                player = hub.playOffline(p, server.sampleTime());
                offlinePlayer = player;
            } else {
                player = hub.play(p, 0);
                livePlayer = player;
                waker.wake();
            }
        } catch (MidiFileException e) {
            throw new IllegalArgumentException("midi.play: " + e.getMessage());
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (replaced != null) output.out("midi.play: '" + player.name() + "' replaces '" + replaced + "'");
        double seconds = (double) (player.schedule().endTime() - server.sampleTime()) / server.sampleRate();
        return JsValues.object("file", player.name(), "seconds", Math.max(0, seconds), "events", player.schedule().size());
    }

    /** Stops the file player; its held notes' note-offs reach the handlers before this returns. */
    @HostAccess.Export
    public void stop() {
        SmfPlayer p = offline ? offlinePlayer : livePlayer;
        hub.stopPlayer();
        offlinePlayer = null;
        if (p != null && !offline) {
            try {
                p.join(100); // the player thread sends the note-offs as it ends (it parks 2 ms at most)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the note-offs go to the handlers and mappings now, before a new file replaces the player's buffers
        notes.pump(hub);
        dispatchWaiting(Integer.MAX_VALUE);
    }

    /** True while a file plays. */
    @HostAccess.Export
    public boolean playing() {
        SmfPlayer p = offline ? offlinePlayer : livePlayer;
        return p != null && !p.finished();
    }

    /** The counters {@code midi.status()} shows: {dropped, malformedBytes, handlerErrors, late}. */
    @HostAccess.Export
    public ProxyObject counters() {
        return JsValues.object("dropped", hub.dropped(), "malformedBytes", hub.malformedBytes(),
                "handlerErrors", dispatcher.failures() + handlerFailures.get() + notes.failures(), "late", latency.late() + notes.late());
    }

    // ---- driving (Java side) ----

    /** Dispatches what waits to the handlers. Lang thread. */
    void pollOnLang() {
        dispatchWaiting(MAX_PER_POLL);
    }

    /**
     * Takes up to {@code max} waiting messages and runs their handlers, each (with a latency)
     * as an event at its arrival sample plus the latency. Lang thread; returns how many.
     */
    private int dispatchWaiting(int max) {
        int n = 0;
        while (n < max && hub.poll(scratch)) {
            n++;
            if (tap != null) tap.handle(scratch);
            latency.dispatch(scratch, dispatcher);
        }
        return n;
    }

    /** {@code --render}: from now on files play in virtual time, pumped by {@link #beforeOfflineBlock}. */
    public void offline() {
        offline = true;
    }

    /**
     * {@code --render}, before each block: sends the file's events due before {@code blockEnd}
     * and runs their handlers, so what they start sounds in that block. Lang thread.
     */
    public void beforeOfflineBlock(long blockEnd) {
        SmfPlayer p = offlinePlayer;
        if (p != null) {
            p.pumpUntil(blockEnd);
            if (p.finished()) offlinePlayer = null;
        }
        notes.pump(hub);
        dispatchWaiting(Integer.MAX_VALUE);
    }

    /** Where the inputs come from (tests: fake devices). Only before anything is open or playing. */
    public void useDevices(MidiInputs.DeviceSource devices) {
        if (openInputs > 0 || playing()) {
            throw new IllegalStateException("useDevices: MIDI is already in use");
        }
        hub.close();
        hub = newHub(devices);
        notes.rewire(hub);
    }

    /** Shows every message taken to {@code t} first (null: none); for another Java side (the clock follower). Lang thread. */
    public void tap(MidiHandler t) {
        tap = t;
    }

    /** The hub, for tests and status. */
    public MidiHub hub() {
        return hub;
    }

    @Override
    public void close() {
        waker.close();
        hub.close();
    }
}
