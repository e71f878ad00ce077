package dev.sonora.server.stream;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sonora.server.buffer.AudioFileException;
import dev.sonora.server.nrt.NodeRef;
import dev.sonora.server.nrt.Server;
import dev.sonora.server.nrt.ServerException;
import dev.sonora.server.nrt.ServerListener;
import dev.sonora.server.rt.World;

/**
 * Open streams by id (what a {@code diskin} unit names). A stream is closed when the synth
 * playing it ends (by itself at the end of the file, by free or hush). Any non-audio thread.
 */
public final class Streams {
    private static final Map<Integer, DiskStream> OPEN = new ConcurrentHashMap<>();
    private static final Map<Server, Boolean> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AtomicInteger IDS = new AtomicInteger(1);

    private Streams() {
    }

    /** Opens {@code path} for streaming (a bad file throws one line now) and starts prefetching. */
    public static DiskStream open(Server server, Path path, boolean loop) {
        try {
            return open(server, new FileStreamSource(path), path.getFileName().toString(), loop,
                    DiskStream.DEFAULT_BLOCK_FRAMES, DiskStream.DEFAULT_RING_BLOCKS);
        } catch (AudioFileException e) {
            throw new ServerException(e.getMessage());
        }
    }

    /** Streams any source (tests: a slowed one) through a ring of {@code ringBlocks} blocks of {@code blockFrames}. */
    public static DiskStream open(Server server, StreamSource source, String name, boolean loop, int blockFrames,
                                  int ringBlocks) {
        watch(server);
        DiskStream s = new DiskStream(IDS.getAndIncrement(), server.engine().world(), name, source, loop, blockFrames,
                ringBlocks, server::reportError);
        OPEN.put(s.id, s);
        server.disk().addService(s);
        return s;
    }

    /** The open stream {@code id} of this world, or null. */
    static DiskStream get(World world, int id) {
        DiskStream s = OPEN.get(id);
        return s != null && s.world == world ? s : null;
    }

    static void forget(DiskStream s) {
        OPEN.remove(s.id, s);
    }

    /** Closes stream {@code id} (its synth never started). Any non-audio thread. */
    public static void close(int id, Server server) {
        DiskStream s = OPEN.get(id);
        if (s != null) s.close(server.disk());
    }

    public static int openCount() {
        return OPEN.size();
    }

    private static void watch(Server server) {
        if (WATCHED.putIfAbsent(server, Boolean.TRUE) != null) return;
        server.addListener(new ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
                for (DiskStream s : OPEN.values()) {
                    if (s.synth() != null && s.synth().id == node.id()) s.close(server.disk());
                }
            }

            @Override
            public void error(String message) {
            }
        });
    }
}
