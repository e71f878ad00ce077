/**
 * Musical time: the tempo map, the clock that turns beats into sample times, live loops and
 * {@code at} events, all scheduled to the sample.
 *
 * <p>Thread rule: Lang thread; sample times go to the server as timed commands.
 */
package dev.sonora.repl.time;
