package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

/** Live audio locks the process's memory where permitted, and says in one line when it cannot. */
class MemoryLockTest {
    static long lockedKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmLck:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    @Test
    void touchedPagesAreLockedOrTheLineSaysWhyNot() throws Exception {
        assumeTrue(Platform.isLinux(), "mlockall is Linux's");
        String said = MemoryLock.lockAll();
        try {
            if (said.equals("memory locked")) {
                long before = lockedKb();
                assertTrue(before > 0, "pages already touched are locked: VmLck " + before + " kB");
                // a mapping made from now on is locked too (MCL_FUTURE): 16 MB of a file, mapped and touched
                Path file = Files.createTempFile("sonora-mlock", ".bin");
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, 16 << 20);
                    for (int i = 0; i < map.capacity(); i += 4096) map.put(i, (byte) 1);
                    long after = lockedKb();
                    assertTrue(after >= before + (16 << 10), "VmLck " + after + " kB with the new mapping, " + before + " before");
                } finally {
                    Files.deleteIfExists(file);
                }
            } else {
                assertTrue(said.startsWith("memory not locked ("), said);
                assertEquals(-1, said.indexOf('\n'), "one line");
            }
        } finally {
            MemoryLock.unlockAll();
        }
        assertEquals(0, lockedKb(), "unlocked again for the rest of the suite");
    }
}
