/**
 * Sound files in memory and the Disk thread: reading and probing files, decoding and
 * resampling in slices ({@code DecodeJob}), the sender's slot table ({@code BufferTable}), the
 * swap command ({@code SwapBuffer}) and the Disk thread itself with its priorities.
 *
 * <p>Thread rule: the Disk thread does file I/O; {@code SwapBuffer.performOnRt} is the only code
 * here the audio thread runs; the rest is any non-audio thread.
 */
package dev.sonora.server.buffer;
