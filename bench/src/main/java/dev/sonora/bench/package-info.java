/**
 * Benchmarks, kept out of the production jars: JMH benchmarks, the server-only renderer
 * {@code RenderWorkload} (run beside scsynth by {@code bench/vs-scsynth.sh}) and
 * {@code MeasureUnitCosts}, which measures the per-unit table {@code UnitCosts} holds.
 *
 * <p>Thread rule: command-line mains; each drives a server from its own thread.
 */
package dev.sonora.bench;
