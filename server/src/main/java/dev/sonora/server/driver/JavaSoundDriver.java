package dev.sonora.server.driver;

import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.StringLiterals;

/**
 * Plays through javax.sound.sampled: a stereo {@link SourceDataLine}, 16- or 24-bit little
 * endian, whose blocking {@code write} paces the audio thread. Each block is converted into a
 * pre-allocated byte array. An underrun (the line's buffer ran empty before a write) counts
 * as an xrun.
 */
public final class JavaSoundDriver implements Driver {
    /**
     * The default buffer: the smallest that played clean through ALSA's JACK plugin onto a JACK
     * dummy server at period 256 (0 underruns, 0 JACK xruns in 30 s with 200 voices; smaller
     * requests were granted 512 anyway). Measured with bench/javasound-buffers.sh, see
     * docs/performance.md. A device that needs more rounds it up, and the start line says so.
     */
    public static final int DEFAULT_BUFFER_FRAMES = 512;

    private final Server server;
    private final RtEngine engine;
    private final SourceDataLine line;
    private final int bits;
    private final String deviceName;
    private final byte[] bytes;
    private final Thread thread;
    private final RtPriority priority = new RtPriority();
    private final WorkerThreads workers;
    private final Converter converter = new Converter();
    private final AudioOut tap;
    private volatile boolean stopping;

    /**
     * Opens the device (null or empty: the system default) and its line. Throws
     * {@link ServerException} with one line saying why when it cannot.
     */
    public JavaSoundDriver(Server server, String device, int bufferFrames, int bits, AudioOut tap) {
        if (bits != 16 && bits != 24) throw new ServerException("audio: bit depth must be 16 or 24, not " + bits);
        this.server = server;
        this.engine = server.engine();
        this.bits = bits;
        this.tap = tap;
        int frameBytes = 2 * bits / 8;
        AudioFormat format = new AudioFormat(server.sampleRate(), bits, 2, true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        try {
            Mixer.Info mixer = findMixer(device, info);
            this.deviceName = mixer == null ? "default device" : mixer.getName();
            this.line = mixer == null ? (SourceDataLine) AudioSystem.getLine(info)
                    : (SourceDataLine) AudioSystem.getMixer(mixer).getLine(info);
            line.open(format, Math.max(bufferFrames, server.blockSize() * 2) * frameBytes);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new ServerException("audio: cannot open " + (device == null || device.isEmpty() ? "the default device" : "device '" + device + "'")
                    + " at " + server.sampleRate() + " Hz " + bits + "-bit stereo: " + e.getMessage());
        }
        this.bytes = new byte[server.blockSize() * frameBytes];
        this.thread = AudioThread.create(server, () -> {
            priority.requestOnThisThread();
            loop();
        });
        this.workers = new WorkerThreads(server, true);
        // what only its thread runs, the JDK's line included: see StringLiterals
        StringLiterals.resolve(JavaSoundDriver.class, line.getClass());
        if (tap != null) StringLiterals.resolve(tap.getClass());
    }

    private static Mixer.Info findMixer(String device, DataLine.Info info) {
        if (device == null || device.isEmpty()) return null;
        List<String> names = new ArrayList<>();
        for (Mixer.Info m : AudioSystem.getMixerInfo()) {
            if (!AudioSystem.getMixer(m).isLineSupported(info)) continue;
            names.add(m.getName());
            if (m.getName().equals(device) || m.getName().contains(device)) return m;
        }
        throw new ServerException("audio: no output device matches '" + device + "' (found: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
    }

    /** Names of the output devices javax.sound can open. Any thread. */
    public static List<String> listDevices() {
        List<String> out = new ArrayList<>();
        AudioFormat format = new AudioFormat(48000, 16, 2, true, false);
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, format);
        for (Mixer.Info m : AudioSystem.getMixerInfo()) {
            if (AudioSystem.getMixer(m).isLineSupported(info)) out.add(m.getName() + " — " + m.getDescription());
        }
        return out;
    }

    @Override
    public void start() {
        line.start();
        workers.start();
        thread.start();
    }

    private final class Converter implements AudioOut {
        @Override
        public void write(float[] l, float[] r, int n) {
            final byte[] b = bytes;
            int k = 0;
            if (bits == 16) {
                for (int i = 0; i < n; i++) {
                    int a = (int) (l[i] * 32767f);
                    int c = (int) (r[i] * 32767f);
                    b[k++] = (byte) a;
                    b[k++] = (byte) (a >> 8);
                    b[k++] = (byte) c;
                    b[k++] = (byte) (c >> 8);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int a = (int) (l[i] * 8388607f);
                    int c = (int) (r[i] * 8388607f);
                    b[k++] = (byte) a;
                    b[k++] = (byte) (a >> 8);
                    b[k++] = (byte) (a >> 16);
                    b[k++] = (byte) c;
                    b[k++] = (byte) (c >> 8);
                    b[k++] = (byte) (c >> 16);
                }
            }
            if (tap != null) tap.write(l, r, n);
        }
    }

    private void loop() {
        final int bufferBytes = line.getBufferSize();
        boolean primed = false;
        while (!stopping) {
            engine.cycleStartsOnRt(System.nanoTime()); // paced by the blocking write: one block a cycle
            engine.renderBlock(converter);
            if (primed && line.available() >= bufferBytes) {
                server.stats().countXrun(); // the line ran dry before this write
            }
            line.write(bytes, 0, bytes.length);
            primed = true;
        }
    }

    public Thread audioThread() {
        return thread;
    }

    @Override
    public int outputLatencyFrames() {
        return line.getBufferSize() / (2 * bits / 8);
    }

    @Override
    public String describe() {
        int frames = line.getBufferSize() / (2 * bits / 8);
        return "javasound: " + deviceName + ", " + server.sampleRate() + " Hz, " + bits + "-bit, buffer "
                + frames + " frames, output latency " + Latency.ms(frames, server.sampleRate()) + ", " + priority.describe()
                + ", " + workers.describe();
    }

    @Override
    public void close() {
        stopping = true;
        AudioThread.awaitEnd(thread, 1000);
        workers.close();
        line.stop();
        line.flush();
        line.close();
    }
}
