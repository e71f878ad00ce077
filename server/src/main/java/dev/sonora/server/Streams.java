package dev.sonora.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sonora.server.buffer.AudioFileException;
import dev.sonora.server.stream.DiskStream;
import dev.sonora.server.stream.FileStreamSource;
import dev.sonora.server.stream.StreamSource;
import dev.sonora.server.stream.StreamTable;

/**
 * Streaming files from disk for one server: opens them (a bad file is refused in one line at
 * once) and starts prefetching on the server's Disk thread. A stream closes when the synth
 * playing it ends. Any non-audio thread.
 */
public final class Streams {
    private final Server server;
    private final StreamTable table = new StreamTable();
    private final Map<Integer, Path> files = new ConcurrentHashMap<>(); // stream id -> the file it reads (while open)

    Streams(Server server) {
        this.server = server;
    }

    /** Opens {@code path} for streaming and starts prefetching. */
    public DiskStream open(Path path, boolean loop) {
        try {
            DiskStream s = open(new FileStreamSource(path), path.getFileName().toString(), loop,
                    DiskStream.DEFAULT_BLOCK_FRAMES, DiskStream.DEFAULT_RING_BLOCKS);
            files.put(s.id(), path);
            return s;
        } catch (AudioFileException e) {
            throw new ServerException(e.getMessage());
        }
    }

    /**
     * Whether an open stream reads {@code file} (the same file, through any link): a recording
     * written over it would end that stream. Any non-audio thread; touches the disk to compare.
     */
    public boolean reads(Path file) {
        files.keySet().removeIf(id -> table.get(id) == null); // closed since
        for (Path p : files.values()) {
            try {
                if (Files.isSameFile(p, file)) return true;
            } catch (IOException e) {
                // one of them is gone: not the same file
            }
        }
        return false;
    }

    /** Streams any source (tests: a slowed one) through a ring of {@code ringBlocks} blocks of {@code blockFrames}. */
    public DiskStream open(StreamSource source, String name, boolean loop, int blockFrames, int ringBlocks) {
        DiskStream s = new DiskStream(table, server.engine().world(), name, source, loop, blockFrames, ringBlocks,
                server::reportError);
        server.disk().addService(s);
        return s;
    }

    /** Closes stream {@code id} (its synth never started). */
    public void close(int id) {
        table.close(id, server.disk());
    }

    public int openCount() {
        return table.openCount();
    }

    StreamTable table() {
        return table;
    }
}
