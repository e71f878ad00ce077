package dev.sonora.server.midi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sound.midi.MidiDevice;

import dev.sonora.server.Server;
import dev.sonora.server.midi.device.MidiInput;
import dev.sonora.server.midi.device.MidiInputs;
import dev.sonora.server.midi.device.MidiListener;
import dev.sonora.server.midi.file.MidiFile;
import dev.sonora.server.midi.file.MidiFileException;
import dev.sonora.server.midi.file.MidiSchedule;
import dev.sonora.server.midi.file.SmfPlayer;
import dev.sonora.server.midi.file.SmfReader;
import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiRoute;
import dev.sonora.server.midi.message.NoteRouting;
import dev.sonora.server.midi.rt.CcMapper;
import dev.sonora.server.midi.rt.RemoveCcMapping;
import dev.sonora.server.midi.rt.SetCcMapping;
import dev.sonora.server.midi.rt.SetMidiSources;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.SetBlockHook;

/**
 * MIDI for one server, as the front end sees it: inputs ({@link #devices}, {@link #open}),
 * the Lang-side stream of messages ({@link #poll}), direct cc -> control bus mappings applied
 * on the audio thread ({@link #mapCc}), a stream of note messages for direct note mappings
 * ({@link #pollNote}, while {@link #routeNotes} is on), and MIDI file playback into the same
 * path ({@link #play}, {@link #playOffline}).
 *
 * <p>One hub per server: it installs its {@link CcMapper} as the engine's block hook.
 *
 * <p>Threads: {@link #poll} on the Lang loop only; {@link #pollNote} on the one thread that plays
 * the direct note mappings. Everything else from any non-audio
 * thread (Lang, the CLI, the device watch); changes to the set of inputs are serialised here.
 * Each input has its own SPSC buffers, so several devices never share a producer end.
 */
public final class MidiHub implements AutoCloseable {
    /** Buffer capacity per input and direction. */
    public static final int BUFFER_CAPACITY = 256;

    private final Server server;
    private final MidiInputs.DeviceSource deviceSource;
    private final CcMapper mapper = new CcMapper();
    private final Map<String, MidiInput> open = new LinkedHashMap<>();
    private volatile MidiListener listener;
    private volatile MidiConsumer[] langSources = new MidiConsumer[0];
    private volatile MidiConsumer[] noteSources = new MidiConsumer[0];
    private final NoteRouting noteRouting = new NoteRouting();
    private int nextSource;
    private int pollStart;
    private int notePollStart;
    private SmfPlayer player;
    private MidiBuffer playerLang;
    private MidiBuffer playerRt;
    private MidiBuffer playerNotes;
    private Thread watch;
    private volatile boolean closed;
    private volatile CompletableFuture<RtEngine.BlockHook> unhooked;

    public MidiHub(Server server) {
        this(server, MidiInputs.SYSTEM);
    }

    /** With a device source of one's own (tests: fake devices). */
    public MidiHub(Server server, MidiInputs.DeviceSource devices) {
        this.server = server;
        this.deviceSource = devices;
        // the hook field belongs to the audio thread: installed by a command, at a block's top
        server.sendToRt(new SetBlockHook(server.engine(), mapper));
    }

    /**
     * After {@link #close}: completes once the audio thread has taken the mapper out and will not
     * call it again (null before close).
     */
    public CompletableFuture<RtEngine.BlockHook> unhooked() {
        return unhooked;
    }

    /** Who hears about lost inputs. */
    public void setListener(MidiListener l) {
        listener = l;
    }

    /** Names of the input devices now ({@code midi.devices()}). */
    public List<String> devices() {
        return MidiInputs.list(deviceSource);
    }

    /** Where this hub's devices come from (MIDI out lists its outputs from the same place). */
    public MidiInputs.DeviceSource deviceSource() {
        return deviceSource;
    }

    /** The source number an open input's messages carry ({@link MidiMessage#source}), or -1 if it is not open. */
    public synchronized int sourceOf(String name) {
        MidiInput in = open.get(name);
        return in == null ? -1 : in.source();
    }

    /** Names of the inputs open now. */
    public synchronized List<String> opened() {
        return new ArrayList<>(open.keySet());
    }

    /**
     * Opens inputs by name or {@code "all"} ({@code midi.open()}); returns the names opened
     * (already open ones included). Refuses with one line naming what there is.
     */
    public synchronized List<String> open(String request) {
        if (closed) throw new MidiException("midi.open: MIDI is shut down");
        List<MidiDevice> matches = MidiInputs.match(MidiInputs.inputs(deviceSource), request);
        List<String> names = new ArrayList<>();
        for (MidiDevice d : matches) {
            String name = MidiInputs.name(d);
            MidiInput in = open.get(name);
            if (in == null) {
                in = new MidiInput(name, nextSource++ % MidiMessage.SOURCE_PLAYER, d, BUFFER_CAPACITY, noteRouting, this::lost);
                in.open();
                open.put(name, in);
            }
            names.add(name);
        }
        rewire();
        return names;
    }

    /**
     * Closes one input, named as {@link #open} takes it (its full name, or a part of it that
     * only one open input has, in any case), or all with "all".
     */
    public synchronized void close(String name) {
        if ("all".equalsIgnoreCase(name)) {
            for (MidiInput in : open.values()) in.close();
            open.clear();
        } else {
            String key = openInputNamed(name);
            open.remove(key).close();
        }
        rewire();
    }

    /** The full name of the one open input {@code name} names; a MidiException (one line) otherwise. */
    private String openInputNamed(String name) {
        if (open.containsKey(name)) return name;
        List<String> partial = new ArrayList<>();
        for (String n : open.keySet()) {
            if (MidiInputs.partOfName(name, n)) partial.add(n);
        }
        if (partial.size() == 1) return partial.get(0);
        if (partial.isEmpty()) {
            throw new MidiException("midi.close('" + name + "'): not open (open: " + (open.isEmpty() ? "none" : String.join(", ", open.keySet())) + ")");
        }
        throw new MidiException("midi.close('" + name + "'): " + partial.size() + " open inputs match (" + String.join(", ", partial)
                + "); give more of the name, or 'all'");
    }

    private void lost(String name, String reason) {
        MidiListener l = listener;
        if (l != null) l.inputLost(name, reason);
    }

    /**
     * Looks for inputs that went away (unplugged, closed under us): each is reported once to
     * the listener, closed and dropped; the others keep working. Returns how many were lost.
     * Called by the watch thread ({@link #startWatch}) or by hand.
     */
    public synchronized int checkInputs() {
        if (open.isEmpty()) return 0;
        List<String> present = MidiInputs.list(deviceSource);
        int lostCount = 0;
        for (var it = open.values().iterator(); it.hasNext(); ) {
            MidiInput in = it.next();
            String reason = null;
            if (in.receiver.isClosed()) reason = "closed by its driver";
            else if (!present.contains(in.name)) reason = "unplugged";
            else if (!in.device.isOpen()) reason = "closed";
            if (reason == null) continue;
            in.lost(reason);
            in.close();
            it.remove();
            lostCount++;
        }
        if (lostCount > 0) rewire();
        return lostCount;
    }

    /** Starts a daemon thread that runs {@link #checkInputs} every {@code periodMillis}. */
    public synchronized void startWatch(long periodMillis) {
        if (watch != null) return;
        watch = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(periodMillis);
                    checkInputs();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a misbehaving MIDI system must not end the watch
                }
            }
        }, "sonora-midi-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Hands the current sources to Lang (a volatile array) and to the audio thread (a command). */
    private void rewire() {
        List<MidiConsumer> lang = new ArrayList<>();
        List<MidiConsumer> rt = new ArrayList<>();
        List<MidiConsumer> notes = new ArrayList<>();
        for (MidiInput in : open.values()) {
            lang.add(in.toLang.consumer());
            rt.add(in.toRt.consumer());
            notes.add(in.toNotes.consumer());
        }
        if (playerLang != null) {
            lang.add(playerLang.consumer());
            rt.add(playerRt.consumer());
            notes.add(playerNotes.consumer());
        }
        langSources = lang.toArray(new MidiConsumer[0]);
        noteSources = notes.toArray(new MidiConsumer[0]);
        if (!closed) server.sendToRt(new SetMidiSources(mapper, rt.toArray(new MidiConsumer[0])));
    }

    // ---- Lang side ----

    /**
     * Takes the next waiting message from any input (round robin, so one busy device cannot
     * starve another) into {@code into}; false when nothing waits. Lang thread only;
     * allocation-free.
     */
    public boolean poll(MidiMessage into) {
        int next = pollRoundRobin(langSources, pollStart, into);
        if (next < 0) return false;
        pollStart = next;
        return true;
    }

    /** Takes one message from the first of {@code src} that has one, looking from {@code start}; the index after it, or -1. */
    private static int pollRoundRobin(MidiConsumer[] src, int start, MidiMessage into) {
        final int n = src.length;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            if (src[i].tryPop(into)) return i + 1;
        }
        return -1;
    }

    private static boolean anyWaiting(MidiConsumer[] src) {
        for (MidiConsumer c : src) if (c.hasWaiting()) return true;
        return false;
    }

    /**
     * True when a message waits for {@link #poll} on any input or the player. Any thread (a
     * hint, for a watcher that decides when to wake the Lang loop); allocation-free.
     */
    public boolean hasWaiting() {
        return anyWaiting(langSources);
    }

    // ---- note side (direct note mappings) ----

    /**
     * Note-ons and note-offs also go to the note buffers from now on (true), or no longer
     * (false: what already waits there stays for {@link #pollNote}, whose caller drops it). On only
     * while a direct note mapping exists. Any thread.
     */
    public void routeNotes(boolean on) {
        noteRouting.wanted(on);
    }

    /**
     * Takes the next waiting note message from any input or the player (round robin), for the
     * direct note mappings; false when nothing waits. One thread only (the note player's);
     * allocation-free.
     */
    public boolean pollNote(MidiMessage into) {
        int next = pollRoundRobin(noteSources, notePollStart, into);
        if (next < 0) return false;
        notePollStart = next;
        return true;
    }

    /** True when a note message waits for {@link #pollNote}. Any thread (a hint); allocation-free. */
    public boolean hasNoteWaiting() {
        return anyWaiting(noteSources);
    }

    /** The file player now, or null: live, it is finished once {@link SmfPlayer#finished()}. Any thread. */
    public synchronized SmfPlayer player() {
        return player;
    }

    // ---- direct mappings (audio thread applies them) ----

    /**
     * {@code midi.cc(cc).to(bus, lo, hi)}: from the next block on, controller {@code cc} on
     * {@code channel} (0..15, or -1 for any) sets control bus {@code bus} to
     * {@code lo + (hi - lo) * value / 127}. Replaces an earlier mapping of the same cc,
     * channel and bus. Checked here, applied on the audio thread.
     */
    public void mapCc(int cc, int channel, int bus, float lo, float hi) {
        String what = "midi.cc(" + cc + ").to(" + bus + ", " + lo + ", " + hi + ")";
        if (cc < 0 || cc > 127) throw new MidiException(what + ": controller numbers are 0..127");
        if (channel < -1 || channel > 15) throw new MidiException(what + ": channel " + (channel + 1) + " is out of range (1..16)");
        int buses = server.options().controlBuses();
        if (bus < 0 || bus >= buses) throw new MidiException(what + ": control bus " + bus + " does not exist (0.." + (buses - 1) + ")");
        // the audio thread computes lo + (hi - lo) * value / 127 in floats: the span must be finite too
        if (!Float.isFinite(lo) || !Float.isFinite(hi) || !Float.isFinite(hi - lo)) {
            throw new MidiException(what + ": lo and hi must be finite numbers, and less than 3.4e38 apart");
        }
        server.sendToRt(new SetCcMapping(Command.NOW, mapper, cc, channel, bus, lo, hi));
    }

    /** Removes the mappings of {@code cc} on {@code channel} (-1: every channel) to {@code bus} (-1: every bus). */
    public void unmapCc(int cc, int channel, int bus) {
        server.sendToRt(new RemoveCcMapping(Command.NOW, mapper, cc, channel, bus));
    }

    /** The audio-thread side, for status and tests. */
    public CcMapper mapper() {
        return mapper;
    }

    // ---- MIDI files ----

    /**
     * {@code midi.play(path)}: reads the file (a bad one throws at once, one line naming it) and
     * plays it live from the next block, replacing what was playing. {@code leadSamples}: how
     * far ahead events are sent (0 = on time; the front end may pass its latency and schedule
     * by {@link MidiMessage#time}).
     */
    public SmfPlayer play(Path path, long leadSamples) throws MidiFileException {
        SmfPlayer p = prepare(path, server.sampleTime() + server.blockSize(), leadSamples);
        p.start();
        return p;
    }

    /**
     * For {@code --render}: prepares the file to start at sample {@code start}; the render's
     * controller calls {@link SmfPlayer#pumpUntil} with each step's end before rendering it.
     */
    public SmfPlayer playOffline(Path path, long start) throws MidiFileException {
        return prepare(path, start, 0);
    }

    private synchronized SmfPlayer prepare(Path path, long start, long lead) throws MidiFileException {
        MidiFile file = SmfReader.read(path);
        stopPlayer();
        playerLang = new MidiBuffer(BUFFER_CAPACITY * 4);
        playerRt = new MidiBuffer(BUFFER_CAPACITY * 4);
        playerNotes = new MidiBuffer(BUFFER_CAPACITY * 4);
        MidiRoute route = new MidiRoute(playerLang.producer(), playerRt.producer(), playerNotes.producer(), noteRouting,
                MidiMessage.SOURCE_PLAYER);
        player = new SmfPlayer(file.name(), MidiSchedule.of(file, server.sampleRate(), start), route, server::sampleTime,
                server.sampleRate(), lead);
        rewire();
        return player;
    }

    /** Stops the file player, releasing its held notes. */
    public synchronized void stopPlayer() {
        if (player != null) player.stop();
        player = null;
    }

    /** Messages dropped because a buffer was full, over every input and the player. Any thread. */
    public synchronized long dropped() {
        long n = 0;
        for (MidiInput in : open.values()) {
            n += in.toLang.producer().dropped() + in.toRt.producer().dropped() + in.toNotes.producer().dropped();
        }
        if (playerLang != null) n += playerLang.producer().dropped() + playerRt.producer().dropped() + playerNotes.producer().dropped();
        return n;
    }

    /** Bytes the input parsers dropped as malformed. Any thread (a recent figure). */
    public synchronized long malformedBytes() {
        long n = 0;
        for (MidiInput in : open.values()) n += in.receiver.parser().malformedBytes();
        return n;
    }

    /** The receiver of an open input, for tests that play a device's part. */
    synchronized javax.sound.midi.Receiver receiverOf(String name) {
        MidiInput in = open.get(name);
        return in == null ? null : in.receiver;
    }

    @Override
    public synchronized void close() {
        stopPlayer();
        for (MidiInput in : open.values()) in.close();
        open.clear();
        try {
            rewire();
        } catch (RuntimeException e) {
            // the server stopped first: nothing left to unhook on the audio thread
        }
        closed = true;
        try {
            SetBlockHook unhook = new SetBlockHook(server.engine(), null);
            server.sendToRt(unhook);
            unhooked = unhook.replaced();
        } catch (RuntimeException e) {
            unhooked = CompletableFuture.completedFuture(null); // the server stopped: no audio thread calls it
        }
        Thread w = watch;
        if (w != null) w.interrupt();
    }
}
