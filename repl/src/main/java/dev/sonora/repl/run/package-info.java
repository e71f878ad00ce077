/**
 * How a session runs its audio: live on a driver ({@code LiveAudio}: warm-up, clip watch,
 * fade out on quit) or rendered offline to a file ({@code OfflineRender}, stepping virtual time).
 *
 * <p>Thread rule: set up on the main thread; the offline render drives the server from its own
 * thread as the NRT owner.
 */
package dev.sonora.repl.run;
