package dev.sonora.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.Cli;
import dev.sonora.repl.CliRun;

/** The whole session on a terminal emulator: the status line is on by default, shows the set, and obeys --no-status. */
class StatusLineCliTest {
    private static int session(VirtualScreen vs, String... args) throws Exception {
        AtomicInteger code = new AtomicInteger(-1);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true);
        Thread t = new Thread(() -> code.set(new Cli(InputStream.nullInputStream(), sink, sink).withTerminal(vs.terminal).run(args)));
        t.start();
        assertTrue(vs.await("sonora> ", 60_000), String.join("\n", vs.lines()));
        return waitFor(vs, t, code);
    }

    private static int waitFor(VirtualScreen vs, Thread t, AtomicInteger code) throws Exception {
        vs.type("play(() => sine(440).mul(0.1)); tempo(90); 'ok' + 1\r");
        assertTrue(vs.await("'ok1'", 60_000), String.join("\n", vs.lines()));
        // the audio starts once the kernels are warm, after the JS context: its line says when
        assertTrue(vs.await("null driver", 60_000), String.join("\n", vs.lines()));
        Thread.sleep(1500);
        SCREEN.set(vs.lines());
        vs.type("\u0004");
        t.join(20_000);
        return code.get();
    }

    private static final java.util.concurrent.atomic.AtomicReference<String[]> SCREEN = new java.util.concurrent.atomic.AtomicReference<>();

    @Test
    void onByDefaultItShowsCpuLevelsTempoAndBeat() throws Exception {
        try (VirtualScreen vs = new VirtualScreen(100, 12)) {
            assertEquals(0, session(vs, "--driver", "null", "--history", ""));
            String[] screen = SCREEN.get();
            String bottom = screen[vs.rows - 1];
            assertTrue(bottom.matches("CPU +\\d+% peak +\\d+% {2}L █{4}·· {2}R █{4}·· {3}90 bpm \\d+\\.[1-4] *"),
                    "a sine at -20 dB fills 4 of 6 cells on both sides (-48 to 0 dB): " + Arrays.toString(screen));
        }
    }

    @Test
    void noStatusMeansNoStatusLine() throws Exception {
        try (VirtualScreen vs = new VirtualScreen(100, 12)) {
            assertEquals(0, session(vs, "--driver", "null", "--history", "", "--no-status"));
            // the status line's own shape (the start line may say which CPU the audio thread has)
            assertTrue(Arrays.stream(SCREEN.get()).noneMatch(r -> r.matches("CPU +\\d+% peak.*")), Arrays.toString(SCREEN.get()));
        }
    }

    @Test
    void aDumbTerminalGetsNoStatusLine() {
        CliRun r = CliRun.of("1+1\n", "--driver", "null", "--history", "");
        assertEquals(0, r.code(), r.all());
        assertFalse(r.all().contains("CPU"), r.all());
        assertTrue(r.out().contains("2"), r.out());
    }
}
