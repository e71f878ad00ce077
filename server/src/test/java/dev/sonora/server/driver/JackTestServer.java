package dev.sonora.server.driver;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Assumptions;

/**
 * A JACK dummy server of the test's own, under a unique name so tests never meet another
 * jackd (or each other). Where {@code jackd} or libjack is missing, the test is skipped with
 * one line. Test thread only.
 */
public final class JackTestServer implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int NAMES = 4;
    private final String name;
    final int rate;
    final int period;
    private final Process process;
    private final Path log;

    private JackTestServer(String name, int rate, int period, Process process, Path log) {
        this.name = name;
        this.rate = rate;
        this.period = period;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code jackd -d dummy} at this rate and period, or skips the test. */
    public static JackTestServer start(int rate, int period) throws Exception {
        String jackd = find("jackd");
        Assumptions.assumeTrue(jackd != null, "JACK tests skipped: jackd is not installed (apt-get install jackd2)");
        Assumptions.assumeTrue(JackDriver.libraryProblem() == null, "JACK tests skipped: " + JackDriver.libraryProblem());
        // A few fixed names, not one per run: JACK keeps at most 8 servers in its shared registry
        // and frees the entry of a server that died (the tests kill one as a crash would) only
        // when a server of the same name starts again. A name in use by a live server (another
        // test run at the same time) makes that jackd exit at once: the next name is tried.
        // Never the client's name: JACK names a client's socket like a server's.
        String out = "";
        for (int k = 0; k < NAMES; k++) {
            String name = "sonoratest" + Math.floorMod(COUNT.getAndIncrement(), NAMES);
            Path log = Files.createTempFile("jackd-" + name, ".log");
            Process p = new ProcessBuilder(List.of(jackd, "--no-realtime", "-n", name, "-d", "dummy",
                    "-r", Integer.toString(rate), "-p", Integer.toString(period)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            JackTestServer s = new JackTestServer(name, rate, period, p, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!JackDriver.serverRunning(name) && p.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(50_000_000L);
            }
            if (p.isAlive() && JackDriver.serverRunning(name)) return s;
            out = Files.readString(log);
            s.close();
        }
        // JACK's registry of servers full of other users' servers is not Sonora's fault
        Assumptions.assumeFalse(out.contains("Too many servers already active"),
                "JACK tests skipped: JACK's registry of servers is full (other jackd running?)");
        throw new AssertionError("jackd did not start: " + out);
    }

    private static String find(String program) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, program);
            if (f.canExecute()) return f.getPath();
        }
        return null;
    }

    /** The server's name (give it to {@link JackSettings#withServer}). */
    public String name() {
        return name;
    }

    /** Kills the server as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(log);
    }
}
