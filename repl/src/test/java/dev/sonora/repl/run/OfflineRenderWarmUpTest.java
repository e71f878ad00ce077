package dev.sonora.repl.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;

/**
 * The render's warm-up runs on the controlling thread before the Lang thread takes the render
 * over ({@code --render} overlaps it with the JS context's start). A warm-up that is never
 * rendered (the context failed) must leave no file and no audio thread behind.
 */
class OfflineRenderWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void aWarmedRenderClosedUnrenderedLeavesNoFileAndNoAudioThread() throws IOException {
        Path wav = dir.resolve("never.wav");
        try (Server server = new Server(ServerOptions.defaults())) {
            OfflineRender.Warmed warm = OfflineRender.warmUp(server, wav, 1.0);
            assertTrue(Files.exists(wav), "the warm-up opens the file it will write");
            Thread audio = warm.audioThread();
            assertTrue(audio.isAlive());
            warm.close();
            assertFalse(Files.exists(wav), "an unrendered warm-up deletes its file");
            assertFalse(audio.isAlive(), "and stops its audio thread");
            warm.close(); // twice is harmless
        }
    }

    @Test
    void aFileThatCannotBeOpenedStopsTheWarmUpAtOnce() {
        Path wav = dir.resolve("missing-folder").resolve("x.wav");
        try (Server server = new Server(ServerOptions.defaults())) {
            assertThrows(IOException.class, () -> OfflineRender.warmUp(server, wav, 1.0));
            assertFalse(Files.exists(wav));
        }
    }
}
