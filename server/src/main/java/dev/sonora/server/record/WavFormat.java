package dev.sonora.server.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The layout of the WAV files Sonora writes, recordings ({@link WavWriter}) and renders
 * ({@code driver.WavFileOut}) alike: stereo, 32-bit float (format 3) or 16/24-bit integer PCM
 * (format 1), a 44-byte header whose two sizes the writer rewrites as the file grows.
 *
 * <p>Stateless; for the thread that writes the file, never the audio thread (file I/O).
 */
public final class WavFormat {
    /** Bytes before the first sample. */
    public static final int HEADER = 44;

    private WavFormat() {
    }

    /**
     * Creates (or empties) the file and writes the header of an empty one; the channel is left at
     * the first sample. Fails with one line when the folder does not exist.
     */
    public static FileChannel create(Path path, int sampleRate, int bits) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IOException("folder " + parent + " does not exist");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeHeader(channel, ByteBuffer.allocate(HEADER), sampleRate, bits, 0);
            channel.position(HEADER);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Writes the header for {@code frames} stereo frames at the start of the file, leaving the
     * channel's position alone. {@code scratch}: at least {@link #HEADER} bytes the caller owns.
     */
    public static void writeHeader(FileChannel channel, ByteBuffer scratch, int sampleRate, int bits, long frames)
            throws IOException {
        int blockAlign = 2 * bits / 8;
        long dataBytes = frames * blockAlign;
        ByteBuffer h = scratch.clear().order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        h.putInt((int) Math.min(0xFFFFFFFFL, 36 + dataBytes));
        h.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        h.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        h.putInt(16);                                 // fmt chunk size
        h.putShort((short) (bits == 32 ? 3 : 1));     // IEEE float or integer PCM
        h.putShort((short) 2);                        // stereo
        h.putInt(sampleRate);
        h.putInt(sampleRate * blockAlign);            // byte rate
        h.putShort((short) blockAlign);
        h.putShort((short) bits);
        h.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        h.putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
        h.flip();
        while (h.hasRemaining()) channel.write(h, h.position());
    }
}
