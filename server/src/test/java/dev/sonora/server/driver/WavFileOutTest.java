package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Wav;

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
        Wav growing = Wav.read(wav);
        long fileData = growing.fileBytes() - Wav.HEADER;
        long headerData = growing.dataBytes();
        assertEquals(frames * 8, fileData, "everything flushed is on disk");
        assertTrue(headerData >= fileData - rate * 8L && headerData <= fileData,
                "the header counts all but at most the last second: " + headerData + " of " + fileData);
        assertEquals(0, headerData % 8, "whole frames");
        assertEquals(headerData + 36, growing.riffBytes(), "RIFF size");
        out.close();
        Wav closed = Wav.read(wav);
        closed.assertHeaderMatchesTheFile();
        assertEquals(frames, closed.frames());
        assertEquals(0.25f, closed.samples()[0]);
        assertEquals(-0.25f, closed.samples()[1]);
    }
}
