package dev.sonora.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.sonora.server.ServerOptions;

/**
 * The command line (docs/api.md), parsed. Bad input throws {@link Options.Bad} with one line
 * saying what is wrong; {@link #USAGE} is printed after it. Any thread (immutable once parsed).
 */
public final class Options {
    public static final String USAGE = """
            usage: sonora [options] [files.js...]       boot, load the files in order, open the REPL
                   sonora -e 'CODE'                     evaluate CODE after the files, then the REPL
                   sonora --render OUT.wav --duration S files.js...   render offline, then exit
                   sonora --list-devices | --list-midi  print audio / MIDI devices, exit
            options:
              --driver jack|javasound|null  audio driver (default: jack when a JACK server runs,
                                        else javasound, else null = silent, clocked)
              --outputs N / --inputs N  JACK ports (default 2 outputs, 0 inputs)
              --no-connect              leave the JACK ports unconnected
              --audio-cpu own|shared    live: the audio thread gets a CPU of its own (default), or shares them
              --device NAME             output device (a part of its name is enough)
              --sample-rate HZ          default 48000 (live on JACK: the JACK server's rate)
              --block FRAMES            block size, default 64
              --buffer FRAMES           device buffer (default: javasound 512, null driver 1024)
              --workers N               audio worker threads for parallel groups (0..7; default: cores - 1; 0 = off)
              --no-repl                 run live without a prompt (until Ctrl-C, or --duration S)
              --no-status               no live status line under the prompt (CPU, levels, beat)
              --duration S              render length; with --no-repl, how long to play
              --history FILE            REPL history (default ~/.sonora_history; "" for none)
              --record FILE.wav         record the main output (32-bit float WAV); with --render, the same samples
              --force                   overwrite an existing output file that is not a WAV (never an input script)
              --step-timeout S          stop a script step (a file, an -e, a loop body, a handler) that runs longer; default 10
              --midi-in NAME|all        open MIDI inputs before the scripts run (a part of the name is enough)
              --midi-latency MS         MIDI handlers sound MS after arrival, sample-exact (0..1000; 0 = at once)
              --osc PORT                an OSC server on PORT (UDP and TCP) that speaks scsynth's commands
              --link                    join an Ableton Link session before the scripts run (link(true))
              -h, --help                this text""";

    /** A command-line mistake, in one line. */
    public static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    final List<Path> files = new ArrayList<>();
    final List<String> code = new ArrayList<>();
    Path render;
    Path record;
    Double duration;
    boolean listDevices;
    boolean listMidi;
    boolean help;
    String driver; // null: the default (DriverChoice)
    int outputs = 2;
    int inputs = 0;
    boolean noConnect;
    boolean audioCpuOwn = true;
    String device;
    /** 0: not given; live with a JACK server running takes JACK's rate, everything else 48000. */
    int sampleRate = 0;
    int block = 64;
    int buffer; // 0: each driver's own default
    int workers = -1; // --workers N; -1: the server's default (cores - 1)
    boolean noRepl;
    boolean noStatus;
    boolean force;
    double stepTimeout = 10;
    String history;
    String midiIn;
    Double midiLatency; // null: leave midi.latency at its default (0)
    int osc = -1; // --osc PORT; -1: no OSC server
    boolean link; // --link: Ableton Link on from the start

    private Options() {
    }

    public static Options parse(String[] args) throws Bad {
        Options o = new Options();
        boolean optionsDone = false;
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsDone || !a.startsWith("-") || a.equals("-")) {
                if (a.equals("test") && i == 0 && args.length == 1) {
                    throw new Bad("'test' is run by the launcher: ./sonora test");
                }
                o.files.add(Path.of(a));
                continue;
            }
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            // the last of two values won without a word (--render a.wav --render b.wav wrote only b.wav)
            if (ONE_VALUE.contains(a) && !given.add(a)) throw new Bad(a + " is given twice: give it once");
            switch (a) {
                case "--" -> optionsDone = true;
                case "-h", "--help" -> o.help = true;
                case "--list-devices" -> o.listDevices = true;
                case "--list-midi" -> o.listMidi = true;
                case "--no-repl" -> o.noRepl = true;
                case "--no-status" -> o.noStatus = true;
                case "--force" -> o.force = true;
                case "--step-timeout" -> {
                    String v = value != null ? value : next(args, ++i, a, "SECONDS");
                    double d = number(v, a);
                    if (!(d > 0) || d > 24 * 3600) throw new Bad(a + ": " + v + " is not a time in seconds (0 < S <= 86400)");
                    o.stepTimeout = d;
                }
                case "-e", "--eval" -> {
                    if (value == null) value = next(args, ++i, a, "CODE");
                    o.code.add(value);
                }
                case "--render" -> o.render = Path.of(value != null ? value : next(args, ++i, a, "OUT.wav"));
                case "--duration" -> {
                    String v = value != null ? value : next(args, ++i, a, "SECONDS");
                    double d = number(v, a);
                    if (!(d > 0) || d > 24 * 3600) throw new Bad(a + ": " + v + " is not a duration in seconds (0 < S <= 86400)");
                    o.duration = d;
                }
                case "--driver" -> {
                    o.driver = value != null ? value : next(args, ++i, a, "jack|javasound|null");
                    if (!o.driver.equals("jack") && !o.driver.equals("javasound") && !o.driver.equals("null")) {
                        throw new Bad("--driver: '" + o.driver + "' is not a driver (jack, javasound or null)");
                    }
                }
                case "--outputs" -> o.outputs = whole(value != null ? value : next(args, ++i, a, "N"), a, 1, 16);
                case "--inputs" -> o.inputs = whole(value != null ? value : next(args, ++i, a, "N"), a, 0, 15);
                case "--no-connect" -> o.noConnect = true;
                case "--audio-cpu" -> {
                    String v = value != null ? value : next(args, ++i, a, "own|shared");
                    if (!v.equals("own") && !v.equals("shared")) throw new Bad("--audio-cpu: '" + v + "' is not own or shared");
                    o.audioCpuOwn = v.equals("own");
                }
                case "--history" -> o.history = value != null ? value : next(args, ++i, a, "FILE");
                case "--device" -> o.device = value != null ? value : next(args, ++i, a, "NAME");
                case "--sample-rate" -> o.sampleRate = whole(value != null ? value : next(args, ++i, a, "HZ"), a, 8000, 384000);
                case "--block" -> o.block = whole(value != null ? value : next(args, ++i, a, "FRAMES"), a, 1, 4096);
                case "--buffer" -> o.buffer = whole(value != null ? value : next(args, ++i, a, "FRAMES"), a, 16, 1 << 20);
                case "--workers" -> o.workers = whole(value != null ? value : next(args, ++i, a, "N"), a, 0, ServerOptions.MAX_WORKERS);
                case "--record" -> o.record = Path.of(value != null ? value : next(args, ++i, a, "FILE.wav"));
                case "--midi-in" -> {
                    o.midiIn = value != null ? value : next(args, ++i, a, "NAME|all");
                    if (o.midiIn.isBlank()) throw new Bad("--midi-in: which input? a part of its name, or all (see --list-midi)");
                }
                case "--midi-latency" -> {
                    String v = value != null ? value : next(args, ++i, a, "MS");
                    double ms = number(v, a);
                    if (!(ms >= 0 && ms <= 1000)) throw new Bad(a + ": " + v + " is not a latency in milliseconds (0..1000)");
                    o.midiLatency = ms;
                }
                case "--osc" -> o.osc = whole(value != null ? value : next(args, ++i, a, "PORT"), a, 1, 65535);
                case "--link" -> o.link = true;
                default -> throw new Bad("unknown option " + a);
            }
        }
        if (o.render != null && o.duration == null) throw new Bad("--render needs --duration SECONDS");
        if (o.render != null && o.noRepl) throw new Bad("--render and --no-repl do not go together");
        if (o.render != null && o.files.isEmpty() && o.code.isEmpty()) throw new Bad("--render needs script files (or -e CODE) to run");
        if (o.render != null && o.midiIn != null) {
            throw new Bad("--midi-in does not go with --render (a render has no live input); play a file with midi.play('song.mid')");
        }
        if (o.render != null && o.osc >= 0) throw new Bad("--osc does not go with --render (a render has no live input)");
        if (o.render != null && o.link) throw new Bad("--link does not go with --render (a render runs in virtual time, not with other players)");
        if (o.duration != null && o.render == null && !o.noRepl) throw new Bad("--duration goes with --render or --no-repl");
        return o;
    }

    /** Options that take one value each (-e may be given many times). */
    private static final Set<String> ONE_VALUE = Set.of("--step-timeout", "--render", "--duration", "--driver",
            "--outputs", "--inputs", "--audio-cpu", "--history", "--device", "--sample-rate", "--block", "--buffer", "--workers",
            "--record", "--midi-in", "--midi-latency", "--osc");

    private static String next(String[] args, int i, String option, String what) throws Bad {
        if (i >= args.length) throw new Bad(option + " needs a value: " + option + " " + what);
        return args[i];
    }

    private static double number(String v, String option) throws Bad {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Bad(option + ": '" + v + "' is not a number");
        }
    }

    private static int whole(String v, String option, int lo, int hi) throws Bad {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Bad(option + ": '" + v + "' is not a whole number");
        }
        if (n < lo || n > hi) throw new Bad(option + ": " + n + " is out of range (" + lo + ".." + hi + ")");
        return n;
    }
}
