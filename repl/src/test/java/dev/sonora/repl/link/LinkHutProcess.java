package dev.sonora.repl.link;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import dev.sonora.server.driver.JackTestServer;

/**
 * Ableton's own LinkHut (Debian's ableton-link-utils), a Link peer nobody here wrote, run in a
 * pseudo-terminal ({@code script}) on a JACK dummy server of the test's own: keys go to its
 * stdin, its status line ({@code enabled | num peers | quantum | start stop sync | tempo |
 * beats | metro}) is read back. Skips the test in one line where LinkHut or jackd is missing.
 * Test thread, plus one reader thread.
 */
public final class LinkHutProcess implements AutoCloseable {
    private static final Pattern STATE = Pattern.compile(
            "(yes|no)\\s+\\|\\s+(\\d+)\\s+\\|\\s+([\\d.]+)\\s+\\|\\s+(yes|no)\\s+\\[(playing|stopped)\\]\\s+\\|\\s+([\\d.]+)\\s+\\|\\s+(-?[\\d.]+)\\s+\\|");

    /** One status line, with when it was read. */
    public record State(boolean enabled, int peers, double quantum, boolean sync, boolean playing, double tempo,
                        double beats, long readNanos) {
    }

    private final JackTestServer jack;
    private final Process process;
    private final OutputStream keys;
    private final Thread reader;
    private volatile State last;

    private LinkHutProcess(JackTestServer jack, Process process) {
        this.jack = jack;
        this.process = process;
        this.keys = process.getOutputStream();
        this.reader = new Thread(this::read, "linkhut-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static LinkHutProcess start() throws Exception {
        Assumptions.assumeTrue(onPath("LinkHut") && onPath("script"),
                "LinkHut tests skipped: LinkHut is not installed (apt-get install ableton-link-utils)");
        JackTestServer jack = JackTestServer.start(48000, 256); // LinkHut plays through JACK; skips where jackd is missing
        ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfc", "LinkHut", "/dev/null")).redirectErrorStream(true);
        pb.environment().put("JACK_DEFAULT_SERVER", jack.name());
        pb.environment().put("JACK_NO_START_SERVER", "1");
        LinkHutProcess h = new LinkHutProcess(jack, pb.start());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (h.last == null && h.process.isAlive() && System.nanoTime() < end) Thread.sleep(20);
        if (h.last == null) {
            h.close();
            throw new AssertionError("LinkHut did not show its status line");
        }
        return h;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) if (new File(dir, program).canExecute()) return true;
        return false;
    }

    private void read() {
        InputStream in = process.getInputStream();
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                long now = System.nanoTime();
                String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '\r' || c == '\n') {
                        parse(line, now);
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                parse(line, now);
            }
        } catch (IOException e) {
            // LinkHut ended
        }
    }

    private void parse(CharSequence line, long now) {
        Matcher m = STATE.matcher(line);
        if (!m.find()) return;
        last = new State(m.group(1).equals("yes"), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4).equals("yes"), m.group(5).equals("playing"), Double.parseDouble(m.group(6)),
                Double.parseDouble(m.group(7)), now);
    }

    /** The last status line LinkHut printed (it prints one every 10 ms). */
    public State state() {
        return last;
    }

    /** Presses a key: a (Link on/off), w/e (tempo −1/+1), r/t (quantum), s (start/stop sync), space (start/stop). */
    public void key(char c) throws IOException {
        keys.write(c);
        keys.flush();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) key('q');
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        jack.close();
    }
}
