/**
 * Patterns in the manner of TidalCycles and Strudel: a {@link dev.sonora.repl.pattern.Pattern}
 * is a function from a time span, in cycles, to the events ({@link dev.sonora.repl.pattern.Hap})
 * it holds there; functions such as {@code fast}, {@code every} or {@code degradeBy} make new
 * patterns from old ones, and {@link dev.sonora.repl.pattern.Mini} parses the mini-notation
 * ({@code "bd*2 [~ sn] hh(3,8)"}) into patterns. Time is exact ({@link
 * dev.sonora.repl.pattern.Fraction}): an event's beginning is rounded once, to the sample, when
 * the clock schedules it. Randomness is a pure function of time, so a pattern plays the same
 * way on every run.
 *
 * <p>Thread rule: Lang thread (patterns are immutable values and querying has no side effect,
 * so a pattern may be queried from a test or a benchmark thread too; nothing here is shared).
 */
package dev.sonora.repl.pattern;
