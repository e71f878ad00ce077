package dev.sonora.repl.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;

/** How far a sample folder has loaded, for the progress line and the status line (issue 15). */
class SampleLoadingProgressTest {
    @Test
    void loadingCountsFilesFinishedOfQueuedUntilAllAreIn(@TempDir Path dir) throws Exception {
        Path kit = SampleLibrary.defaultFolder();
        Path bank = Files.createDirectory(dir.resolve("copies"));
        Path one;
        try (Stream<Path> s = Files.walk(kit)) {
            one = s.filter(p -> p.toString().endsWith(".wav")).findFirst().orElseThrow();
        }
        for (int i = 0; i < 12; i++) Files.copy(one, bank.resolve(String.format("%02d_copy.wav", i)));
        try (Server server = new Server(ServerOptions.defaults())) {
            SampleLibrary lib = SampleLibrary.of(server);
            assertNull(lib.loading(), "nothing loading yet");
            // hold the Disk thread so the loads wait in its queue: the count is then exact
            CountDownLatch hold = new CountDownLatch(1);
            server.disk().submit(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            SampleLibrary.Loading l = lib.addFolder(bank, p -> { });
            assertArrayEquals(new int[] {0, 12}, lib.loading());
            hold.countDown();
            l.done().join();
            assertNull(lib.loading(), "all in: nothing to show");
        }
    }
}
