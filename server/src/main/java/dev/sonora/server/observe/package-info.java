/**
 * Observing the audio: meters and scopes on the main output, an audio bus or a node. Each
 * observer is a {@link dev.sonora.server.observe.Tap} in a trap slot
 * ({@link dev.sonora.server.callback.TrapSlot}, the strategy docs/performance.md chose) of
 * {@link dev.sonora.server.observe.Observers}; the audio thread measures into storage the tap
 * allocated beforehand and publishes through single-producer rings, never waiting for a reader.
 *
 * <p>Thread rule: taps' {@code …OnRt} methods and {@code accept} run on the audio thread and
 * follow the RT rules; {@link dev.sonora.server.observe.Observers#add}/{@code remove} and the
 * readers' {@code drain}/{@code take} run on any other thread (the front end's Lang thread).
 * Depends on {@code rt} and {@code callback} only.
 */
package dev.sonora.server.observe;
