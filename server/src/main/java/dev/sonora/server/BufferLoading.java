package dev.sonora.server;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.sonora.server.buffer.AudioFileException;
import dev.sonora.server.buffer.AudioFileReader;
import dev.sonora.server.buffer.BufferRef;
import dev.sonora.server.buffer.BufferTable;
import dev.sonora.server.buffer.DecodeJob;
import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.buffer.SwapBuffer;
import dev.sonora.server.rt.Buffer;

/**
 * Loading sound files into buffer slots: the file is checked on the caller (a missing or
 * undecodable one is refused in one line at once), decoded and resampled on the Disk thread in
 * slices, then swapped into its slot on the audio thread.
 */
final class BufferLoading {
    private final BufferTable buffers;
    private final Lazy<DiskThread> disk;
    private final CommandQueue queue;
    private final int sampleRate;
    private final Consumer<String> reportError;

    BufferLoading(BufferTable buffers, Lazy<DiskThread> disk, CommandQueue queue, int sampleRate, Consumer<String> reportError) {
        this.buffers = buffers;
        this.disk = disk;
        this.queue = queue;
        this.sampleRate = sampleRate;
        this.reportError = reportError;
    }

    /** Into a new slot ({@code existingSlot < 0}) or over an existing one; a failure is reported. */
    BufferRef load(Path path, int existingSlot) {
        return load(path, existingSlot, true);
    }

    /** {@code report}: false for a caller that waits for the load and says its failure itself (once, not twice). */
    BufferRef load(Path path, int existingSlot, boolean report) {
        try {
            AudioFileReader.probe(path);
        } catch (AudioFileException e) {
            throw new ServerException(e.getMessage());
        }
        String name = path.getFileName().toString();
        int slot = existingSlot >= 0 ? existingSlot : buffers.reserve(name);
        if (slot < 0) throw new ServerException(name + ": all " + buffers.capacity() + " buffer slots are in use");
        var ready = new CompletableFuture<Buffer>();
        // behind stream refills and recording writes on the Disk thread
        disk.get().submitSliced(new DecodeJob(path, name, sampleRate, buffer -> {
            queue.send(new SwapBuffer(buffers, slot, buffer));
            ready.complete(buffer);
        }, message -> {
            // a new slot that never got its buffer goes back: a damaged file asked for again and
            // again (a loop body) would otherwise take every slot
            if (existingSlot < 0) buffers.unreserve(slot);
            if (report) reportError.accept(message);
            ready.completeExceptionally(new ServerException(message));
        }));
        return new BufferRef(slot, name, ready);
    }
}
