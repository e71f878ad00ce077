package dev.sonora.server.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one WAV layout renders and recordings share, byte for byte as both wrote it before they shared it. */
class WavFormatTest {
    private static byte[] header(Path dir, int rate, int bits, long frames) throws IOException {
        Path p = dir.resolve("h" + bits + ".wav");
        try (FileChannel c = WavFormat.create(p, rate, bits)) {
            assertEquals(WavFormat.HEADER, c.position(), "left at the first sample");
            WavFormat.writeHeader(c, ByteBuffer.allocate(WavFormat.HEADER), rate, bits, frames);
        }
        return Files.readAllBytes(p);
    }

    @Test
    void floatAndIntegerHeaders(@TempDir Path dir) throws IOException {
        // 48000 Hz stereo float, 1000 frames: 8000 data bytes, RIFF size 8036, byte rate 384000, block align 8
        assertArrayEquals(HexFormat.of().parseHex("52494646" + "641f0000" + "57415645" + "666d7420" + "10000000"
                + "0300" + "0200" + "80bb0000" + "00dc0500" + "0800" + "2000" + "64617461" + "401f0000"),
                header(dir, 48000, 32, 1000));
        // 44100 Hz stereo 24-bit PCM, 10 frames: 60 data bytes, byte rate 264600, block align 6
        assertArrayEquals(HexFormat.of().parseHex("52494646" + "60000000" + "57415645" + "666d7420" + "10000000"
                + "0100" + "0200" + "44ac0000" + "98090400" + "0600" + "1800" + "64617461" + "3c000000"),
                header(dir, 44100, 24, 10));
    }

    @Test
    void aMissingFolderIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> WavFormat.create(missing.resolve("x.wav"), 48000, 32));
        assertEquals("folder " + missing + " does not exist", e.getMessage());
    }
}
