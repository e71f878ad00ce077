package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.sonora.server.ServerOptions;

/** How many audio workers a run gets (issue 14): live with the audio thread's own CPU, one fewer. */
class WorkersOptionTest {
    private static int workers(String... args) throws Exception {
        return Cli.workers(Options.parse(args));
    }

    @Test
    void liveWithItsOwnCpuLeavesACoreForEverythingElse() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int perCore = Math.max(0, Math.min(ServerOptions.MAX_WORKERS, cores - 1));
        assertEquals(Math.max(0, Math.min(ServerOptions.MAX_WORKERS, cores - 2)), workers("--driver", "null"));
        assertEquals(perCore, workers("--driver", "null", "--audio-cpu", "shared"));
        assertEquals(perCore, workers("--render", "x.wav", "--duration", "1", "a.js"));
        assertEquals(1, workers("--driver", "null", "--workers", "1"), "asked for: given");
        assertEquals(0, workers("--render", "x.wav", "--duration", "1", "--workers", "0", "a.js"));
    }
}
