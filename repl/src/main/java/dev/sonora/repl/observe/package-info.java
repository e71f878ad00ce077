/**
 * Meters and scopes from JavaScript ({@code prelude/observe.mjs}, issue 15): the Java side that
 * registers the engine's taps ({@code dev.sonora.server.observe}), drains them on the Lang
 * loop's ticker and calls the script's functions, and draws scope frames in braille. Lang thread
 * only, except {@link dev.sonora.repl.observe.Braille} (pure).
 */
package dev.sonora.repl.observe;
