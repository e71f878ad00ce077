package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render file is a valid WAV while it grows: a killed render leaves a playable file. */
class WavFileOutTest {
    @Test
    void theHeaderFollowsTheDataWhileTheFileGrows(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("growing.wav");
        int rate = 48000;
        float[] l = new float[1000];
        float[] r = new float[1000];
        java.util.Arrays.fill(l, 0.25f);
        java.util.Arrays.fill(r, -0.25f);
        WavFileOut out = new WavFileOut(wav, rate, 4096);
        long frames = 0;
        while (frames < rate * 5 / 2) { // 2.5 s, flushed as a render flushes between steps
            out.write(l, r, l.length);
            out.flush();
            frames += l.length;
        }
        // not closed: what a SIGKILL would leave
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        long fileData = b.capacity() - 44L;
        long headerData = b.getInt(40) & 0xFFFFFFFFL;
        assertEquals(frames * 8, fileData, "everything flushed is on disk");
        assertTrue(headerData >= fileData - rate * 8L && headerData <= fileData,
                "the header counts all but at most the last second: " + headerData + " of " + fileData);
        assertEquals(0, headerData % 8, "whole frames");
        assertEquals(headerData + 36, b.getInt(4) & 0xFFFFFFFFL, "RIFF size");
        out.close();
        b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(frames * 8, b.getInt(40) & 0xFFFFFFFFL);
        assertEquals(0.25f, b.getFloat(44));
    }
}
