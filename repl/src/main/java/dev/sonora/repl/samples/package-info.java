/**
 * Sample banks ({@code SampleLibrary}: folders of sound files by name) and the JS bridge for
 * samples, streams and recording.
 *
 * <p>Thread rule: Lang thread; files are loaded through the server's Disk thread.
 */
package dev.sonora.repl.samples;
