package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A main class in a fresh JVM on this test's own class path: the one harness for checks that
 * only a new JVM can make (the first use of a class, nothing loaded yet) or that need a real
 * process (signals, a heap limit, an environment of its own).
 */
public final class ChildJvm {
    /** How long one run of {@link #untilClean} may take: a stop condition for a hung child, not a threshold. */
    public static final long RUN_SECONDS = 60;
    /** What lets {@code StringLiterals} reach constant pools; a test that wants it off uses {@link #commandWithoutExports}. */
    static final List<String> RT_EXPORTS = List.of("--add-exports=java.base/jdk.internal.access=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.reflect=ALL-UNNAMED");

    private ChildJvm() {
    }

    /** {@code java -cp <this class path> main args}; set its environment or redirects, then start it or {@link #run} it. */
    public static ProcessBuilder command(Class<?> main, String... args) {
        return command(List.of(), main, args);
    }

    /** {@code java jvmOptions -cp <this class path> main args}. */
    public static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(RT_EXPORTS); // as the launcher and the build give every JVM (StringLiterals)
        line.addAll(jvmOptions);
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        line.add(main.getName());
        line.addAll(List.of(args));
        return new ProcessBuilder(line);
    }

    /**
     * Runs the command to its end and returns what it printed (standard output and error in the
     * order written). Fails with that output if it exits other than 0, or if it is still running
     * after {@code timeoutSeconds} (then it is killed).
     */
    public static String run(ProcessBuilder command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sonora-child-", ".log");
        try {
            Process p = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the child JVM still ran after " + timeoutSeconds + " s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Up to {@code attempts} fresh runs, until one is {@code clean}; returns that run's output.
     * For a figure the JVM itself spoils now and then: an allocation of ours on first use shows in
     * every run, while the JVM's own one-off (a burst of Strings when the audio thread happens to
     * trigger a JIT compilation, see docs/design-notes.md) comes and goes with timing, so one
     * clean run is the proof. Otherwise fails with {@code expected} and what {@code shown} picks
     * from each run. {@code clean} may also assert what every run must show.
     */
    public static String untilClean(int attempts, Supplier<ProcessBuilder> command, Predicate<String> clean,
                                    Function<String, String> shown, String expected) throws IOException, InterruptedException {
        StringBuilder runs = new StringBuilder();
        for (int attempt = 0; attempt < attempts; attempt++) {
            String out = run(command.get(), RUN_SECONDS);
            if (clean.test(out)) return out;
            runs.append(shown.apply(out)).append('\n');
        }
        return fail(expected + ", in none of " + attempts + " runs:\n" + runs);
    }

    /** For {@code shown}: the first line of a run's output that starts with {@code prefix}, or the whole output. */
    public static Function<String, String> firstLineStartingWith(String prefix) {
        return out -> out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse(out);
    }
}
