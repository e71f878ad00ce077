package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --audio-cpu own|shared}: parsed (own by default), refused when misspelt; live, the start
 * line says where the audio thread sits, and when the run ends every thread of the process has
 * every CPU again (these runs share the test's JVM).
 */
class AudioCpuOptionsTest {
    @Test
    void ownIsTheDefaultAndAMisspellingIsRefused() throws Exception {
        assertTrue(Options.parse(new String[] {}).audioCpuOwn);
        assertFalse(Options.parse(new String[] {"--audio-cpu", "shared"}).audioCpuOwn);
        assertTrue(Options.parse(new String[] {"--audio-cpu=own"}).audioCpuOwn);
        var e = assertThrows(Options.Bad.class, () -> Options.parse(new String[] {"--audio-cpu", "mine"}));
        assertEquals("--audio-cpu: 'mine' is not own or shared", e.getMessage());
    }

    @Test
    void liveTheStartLineSaysWhereTheAudioThreadSitsAndTheCpusComeBack() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/thread-self/status")), "Linux only");
        String before = cpus();
        Assumptions.assumeTrue(before.contains(",") || before.contains("-"), "one CPU: nothing to pin (" + before + ")");
        CliRun own = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "1", "-e", "1");
        assertEquals(0, own.code(), own.all());
        assertTrue(own.all().matches("(?s).*null driver .*, audio thread on CPU \\d+ alone.*"), own.all());
        assertEquals(before, cpus(), "the CPUs this thread may use after the run");
        CliRun shared = CliRun.of("", "--driver", "null", "--no-repl", "--duration", "1", "--audio-cpu", "shared", "-e", "1");
        assertEquals(0, shared.code(), shared.all());
        assertFalse(shared.all().contains("audio thread on CPU"), shared.all());
    }

    private static String cpus() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).trim();
        }
        throw new AssertionError("no Cpus_allowed_list");
    }
}
