package dev.sonora.server.buffer;

import java.util.concurrent.CompletableFuture;

import dev.sonora.server.rt.Buffer;

/**
 * The sender's handle on a buffer slot being filled from a file: the slot number (what a
 * {@code playbuf} names) and a future that completes on the Disk thread when the buffer is
 * ready, or fails with one line naming the file. Any thread.
 */
public record BufferRef(int slot, String name, CompletableFuture<Buffer> ready) {
    public boolean loaded() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    @Override
    public String toString() {
        return "Buffer(" + slot + " '" + name + "'" + (loaded() ? "" : ready.isDone() ? ", failed" : ", loading") + ")";
    }
}
