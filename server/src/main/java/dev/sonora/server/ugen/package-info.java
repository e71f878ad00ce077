/**
 * The unit generators: one kernel per file, plus {@link dev.sonora.server.ugen.Wire} (a unit's
 * output block) and {@link dev.sonora.server.ugen.UnitContext} (what a unit learns at
 * construction, including the resources its server lends).
 *
 * <p>Thread rule: constructed on the sender; {@code process} runs on the audio thread and must
 * not allocate (proved by the allocation tests) or reach I/O or logging ({@code ArchitectureTest}).
 */
package dev.sonora.server.ugen;
