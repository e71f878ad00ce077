/**
 * The server as its clients see it. {@link dev.sonora.server.Server} is the façade every client
 * calls (the JavaScript front end, drivers, tests); it only delegates to the parts beside it:
 * {@code CommandQueue} (sending), {@code Nodes} (node requests, checked and built on the
 * caller), {@code Defs}, {@code BufferLoading}, {@link dev.sonora.server.Streams},
 * {@link dev.sonora.server.Recordings}, {@code ReturnLoop} (the NRT side: completing what the
 * audio thread hands back) and {@code AllocationMeter}.
 *
 * <p>Thread rule: any non-audio thread may call the façade; refusals are thrown there as one-line
 * {@link dev.sonora.server.ServerException}s. Only the NRT owner (the {@code sonora-nrt} thread,
 * or the thread driving an offline render) runs {@code ReturnLoop}. Nothing here runs on the
 * audio thread, and no package below this one depends on it except the drivers and MIDI,
 * which are clients too.
 */
package dev.sonora.server;
