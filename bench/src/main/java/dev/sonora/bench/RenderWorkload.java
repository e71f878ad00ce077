package dev.sonora.bench;

import java.io.IOException;
import java.nio.file.Path;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.OfflineDriver;
import dev.sonora.server.driver.WavFileOut;
import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.DiscardOut;

/**
 * Benchmark entry point: renders one peer workload with the offline driver, writing a float
 * WAV like {@code scsynth -N} does, and prints one line of figures. Time the whole process
 * (JVM start and JIT warm-up included) from outside to compare with scsynth.
 *
 * <pre>java -cp … dev.sonora.bench.RenderWorkload sines_500 60 /tmp/out.wav</pre>
 *
 * <p>{@code RenderWorkload training} renders two seconds of every workload, discarded: the
 * run {@code bench/vs-scsynth.sh} records the JVM's AOT startup cache from (JDK 25+), as the
 * launcher records its own from a short session. It exercises every workload alike, so the
 * cache favours none.
 */
public final class RenderWorkload {
    private RenderWorkload() {
    }

    private static final String[] TRAINING = {"null", "sines_100", "subtractive_50", "notes_stream", "fx_chain"};

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("training")) {
            Path wav = java.nio.file.Files.createTempFile("sonora-training", ".wav");
            for (String name : TRAINING) render(name, 2, wav.toString());
            java.nio.file.Files.deleteIfExists(wav);
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: RenderWorkload NAME SECONDS [OUT.wav|-]");
            System.exit(2);
        }
        render(args[0], Double.parseDouble(args[1]), args.length > 2 ? args[2] : "-");
    }

    private static void render(String name, double seconds, String outPath) throws IOException {
        long t0 = System.nanoTime();
        ServerOptions options = ServerOptions.defaults();
        String workers = System.getProperty("sonora.workers"); // parallel groups' worker threads (default: cores - 1)
        if (workers != null) options = options.withWorkers(Integer.parseInt(workers));
        Server server = new Server(options);
        int step = Math.max(1, server.sampleRate() / server.blockSize()); // ~1 s per render step
        WavFileOut wav = outPath.equals("-") ? null : new WavFileOut(Path.of(outPath), server.sampleRate(), step * server.blockSize());
        AudioOut out = wav == null ? new DiscardOut() : wav;
        OfflineDriver driver = new OfflineDriver(server, out);
        driver.start();
        Workloads.Feeder feeder = Workloads.start(name, server, seconds);
        long blocks = (long) Math.ceil(seconds * server.sampleRate() / server.blockSize());
        // render in steps of ~1 s so returns are completed as the live NRT thread would
        long t1 = System.nanoTime();
        for (long done = 0; done < blocks; done += step) {
            int n = (int) Math.min(step, blocks - done);
            feeder.feedUntil(server.sampleTime() + (long) n * server.blockSize());
            driver.advance(n);
            server.pollReturns();
            if (wav != null) wav.flush();
        }
        long t2 = System.nanoTime();
        if (Boolean.getBoolean("sonora.cpu")) { // CPU time of the audio thread: steadier than wall time on a shared machine
            long ns = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(driver.audioThread().threadId());
            long workerNs = 0;
            for (Thread w : server.workerThreads()) workerNs += java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(w.threadId());
            System.out.printf("%s: audio thread CPU %.3f s, workers CPU %.3f s (%d worker tasks)%n", name, ns / 1e9, workerNs / 1e9,
                    driver.workerTasksRun());
        }
        driver.close();
        if (wav != null) wav.close();
        double render = (t2 - t1) / 1e9;
        double total = (System.nanoTime() - t0) / 1e9;
        double voiceSamples = Workloads.voiceSeconds(name, seconds) * server.sampleRate();
        System.out.printf("%s: rendered %.1f s in %.2f s (render loop %.2f s, %.1fx real time), %s ns/voice-sample, peak block load %.0f%%%n",
                name, seconds, total, render, seconds / total,
                voiceSamples > 0 ? String.format("%.2f", render * 1e9 / voiceSamples) : "-",
                100 * server.stats().peakLoad());
        server.close();
    }
}
