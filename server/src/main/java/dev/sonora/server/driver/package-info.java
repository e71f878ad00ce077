/**
 * Drivers: each owns (or, for JACK, is called on) the thread that becomes the audio thread and
 * calls the block loop. JACK (JNA, direct-mapped), javax.sound, the silent clocked null driver,
 * the offline driver for renders, the fallback that switches between them, real-time priority.
 *
 * <p>Thread rule: a driver's loop or callback is the audio thread; opening, closing and
 * choosing run on the thread that starts the server. Drivers are clients of the façade.
 */
package dev.sonora.server.driver;
