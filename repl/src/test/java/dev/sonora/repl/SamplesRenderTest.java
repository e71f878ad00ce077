package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sonora.server.Wav;

/** Samples, buffers and recording through the whole program (--render). */
class SamplesRenderTest {

    @Test
    void aRecordingOfARenderIsTheRenderSampleForSample(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("out.wav");
        Path rec = dir.resolve("rec.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--record", rec.toString(), "--duration", "1.5", "-e",
                "sample('bd'); sample('hh', {rate: 1.5, pan: 0.5}); play(() => saw(110).rlpf(900, 0.3).mul(0.1))");
        assertEquals(0, r.code(), r.all());
        Wav a = Wav.read(wav);
        Wav b = Wav.read(rec);
        assertEquals(72000, a.frames());
        assertEquals(a.frames(), b.frames(), "same length");
        for (int i = 0; i < a.samples().length; i++) {
            assertEquals(Float.floatToIntBits(a.samples()[i]), Float.floatToIntBits(b.samples()[i]), "sample " + i);
        }
        assertTrue(a.peak() > 0.1);
    }

    @Test
    void sampleBdIsAudibleAtOnceAndIsTheKitFile(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("bd.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "0.5", "-e", "sample('bd')");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("samples: ") && r.out().contains("bd"), "boot progress line: " + r.out());
        Wav out = Wav.read(wav);
        Wav kit = Wav.read(Path.of("..", "samples", "bd", "00_bd.wav"));
        int onset = -1;
        for (int i = 0; i < out.frames(); i++) if (Math.abs(out.samples()[2 * i]) > 1e-3) { onset = i; break; }
        assertTrue(onset >= 0 && onset < 64, "starts in the first block: " + onset);
        for (int i = 0; i < 2000; i++) {
            assertEquals(kit.samples()[2 * i], out.samples()[2 * i], 1e-3, "left " + i);
        }
    }

    @Test
    void aSampleCanPlayAPartOfItsFile(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("part.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "0.5", "-e", "sample('bd', {begin: 0.5, end: 0.75})");
        assertEquals(0, r.code(), r.all());
        Wav out = Wav.read(wav);
        Wav kit = Wav.read(Path.of("..", "samples", "bd", "00_bd.wav"));
        int from = kit.frames() / 2;
        int length = kit.frames() * 3 / 4 - from;
        for (int i = 0; i < length; i++) {
            assertEquals(kit.samples()[2 * (from + i)], out.samples()[2 * i], 1e-3, "left " + i + " is the file's frame " + (from + i));
        }
        for (int i = length + 1; i < out.frames(); i++) assertEquals(0f, out.samples()[2 * i], "silent after the part, " + i);
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "sample('bd', {begin: 0.6, end: 0.2})");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().matches("<-e>:1: sample: begin and end are the part to play.*got 0.6 and 0.2"), r.err());
    }

    @Test
    void aChoppedSamplePlaysItsPiecesInTurn(@TempDir Path dir) throws Exception {
        // one bd a cycle (2 s at 120 bpm) cut in 4: piece k starts at k/4 of the cycle and plays
        // the k-th quarter of the file
        Path wav = dir.resolve("chop.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "2", "-e", "pat('c', s('bd').chop(4))");
        assertEquals(0, r.code(), r.all());
        Wav out = Wav.read(wav);
        Wav kit = Wav.read(Path.of("..", "samples", "bd", "00_bd.wav"));
        int quarter = kit.frames() / 4;
        int heard = -1;
        for (int i = 0; i < out.frames(); i++) if (Math.abs(out.samples()[2 * i]) > 1e-4) { heard = i; break; }
        int fileStart = 0;
        while (Math.abs(kit.samples()[2 * fileStart]) <= 1e-4) fileStart++;
        assertTrue(heard >= fileStart, "something plays");
        int onset = heard - fileStart; // where the first piece's frame 0 is
        for (int k = 0; k < 4; k++) {
            int at = onset + k * 24000;
            for (int j = 0; j < Math.min(quarter, 2000); j++) {
                assertEquals(kit.samples()[2 * (k * quarter + j)], out.samples()[2 * (at + j)], 2e-3,
                        "piece " + k + ", frame " + j + " (the file's frame " + (k * quarter + j) + ")");
            }
        }
    }

    @Test
    void badFilesAndPathsAreOneLine(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("x.wav");
        CliRun r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "buffer('missing.wav')");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().matches("<-e>:1: buffer: no file 'missing.wav'.*"), r.err());
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "buffer('" + empty + "')");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().endsWith(empty + ": empty file"), r.err());
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "record('" + dir + "/no/such/take.wav')");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().contains("record: cannot write " + dir + "/no/such/take.wav (folder"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // a take into the render's own file was accepted, and the render then wrote over it
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "record('" + wav + "')");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().strip().endsWith("record: " + wav + " is the file this render writes; record to another file"), r.err());
        // a damaged file (the header promises more than is there): one line, and a script that catches it renders on
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, java.util.Arrays.copyOf(Wav.mono(1, 48000, 16, 24000).array(), Wav.HEADER + 200));
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "buffer('" + cut + "')");
        assertEquals(1, r.code(), r.all());
        assertEquals(1, r.err().strip().lines().count(), "said once, not by the server as well: " + r.err());
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "try { buffer('" + cut + "') } catch (e) { console.log('caught') }");
        assertEquals(0, r.code(), "a caught refusal is the script's business: " + r.all());
        assertTrue(r.out().contains("caught"), r.all());
        r = CliRun.of("", "--render", wav.toString(), "--duration", "0.2", "-e", "sample('nope')");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("sample('nope'): no bank 'nope' (banks: bd, cp, hh, sn, tone)"), r.err());
    }
}
