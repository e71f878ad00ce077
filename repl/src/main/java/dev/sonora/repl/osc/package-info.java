/**
 * OSC from scripts ({@code osc.send}, {@code osc.bundle}, {@code osc.listen}, {@code osc.on},
 * {@code .to}): {@link dev.sonora.repl.osc.OscBridge}, the prelude module {@code osc.mjs}'s Java
 * side, over the engine's {@code osc.peer} package. Handlers run on the Lang loop; direct
 * mappings never reach it.
 */
package dev.sonora.repl.osc;
