package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sonora.server.ChildJvm;

/**
 * The real javax.sound path, without a sound card: a child JVM plays through the javasound
 * driver with ALSA's default device pointed at a file (ALSA's file plugin), and the test reads
 * the bytes back. Skipped where there is no ALSA.
 */
class JavaSoundDriverTest {
    private static final Path ALSA_CONF = Path.of("/usr/share/alsa/alsa.conf");

    @ParameterizedTest
    @ValueSource(ints = {16, 24})
    void playsThroughAlsaIntoAFile(int bits, @TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(ALSA_CONF), "ALSA is not installed here");
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libasound.so.2"))
                || Files.exists(Path.of("/usr/lib/libasound.so.2"))
                || Files.exists(Path.of("/usr/lib64/libasound.so.2")), "libasound is not installed here");
        Path raw = dir.resolve("out.raw");
        Path conf = dir.resolve("asound.conf");
        Files.writeString(conf, "<" + ALSA_CONF + ">\n"
                + "pcm.!default { type file; slave.pcm \"null\"; file \"" + raw + "\"; format \"raw\" }\n");
        // up to three runs for the allocation figure (see ChildJvm.untilClean)
        ChildJvm.untilClean(3, () -> {
            ProcessBuilder pb = ChildJvm.command(JavaSoundSmoke.class, String.valueOf(bits), "3000");
            pb.environment().put("ALSA_CONFIG_PATH", conf.toString());
            return pb;
        }, out -> {
            assertTrue(out.contains("thread=sonora-rt"), out);
            return out.contains("rtAlloc=0 ");
        }, out -> out, "the javasound path allocates nothing on the audio thread");

        int frameBytes = 2 * bits / 8;
        byte[] data = Files.readAllBytes(raw);
        assertTrue(data.length >= 2000 * 64 * frameBytes, "too little audio reached ALSA: " + data.length + " bytes");
        int expected = bits == 16 ? (int) (0.25f * 32767f) : (int) (0.25f * 8388607f);
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int frames = data.length / frameBytes;
        int good = 0;
        for (int f = 0; f < frames; f++) {
            int l = sample(bb, f * frameBytes, bits);
            int r = sample(bb, f * frameBytes + bits / 8, bits);
            if (l == expected && r == expected) good++;
        }
        // the DC synth plays from the first block; the file holds it on both channels
        assertTrue(good > frames * 0.99, good + " of " + frames + " frames hold the DC level " + expected);
    }

    private static int sample(ByteBuffer bb, int at, int bits) {
        if (bits == 16) return bb.getShort(at);
        int v = (bb.get(at) & 0xff) | (bb.get(at + 1) & 0xff) << 8 | bb.get(at + 2) << 16;
        return v;
    }

}
