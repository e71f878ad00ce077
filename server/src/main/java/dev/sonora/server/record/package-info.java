/**
 * Recording the main output: the audio thread copies each block into a pooled block
 * ({@code RecordTap}); the Disk thread writes them ({@code Recorder}, {@code WavWriter}).
 * {@code WavFormat} is the layout of every WAV file Sonora writes, renders included.
 *
 * <p>Thread rule: {@code RecordTap} and {@code SwapTap.performOnRt} on the audio thread; writing
 * on the Disk thread; starting and stopping through {@link dev.sonora.server.Recordings}.
 */
package dev.sonora.server.record;
