/**
 * Files played from disk in constant memory: a {@code DiskStream} is a fixed ring of blocks
 * refilled by the Disk thread and played by the {@code diskin} unit ({@code DiskIn}); one
 * server's open streams are its {@code StreamTable}.
 *
 * <p>Thread rule: {@code DiskIn.process} and the ring's taking end run on the audio thread;
 * refills on the Disk thread; opening and closing on any non-audio thread.
 */
package dev.sonora.server.stream;
