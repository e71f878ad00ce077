/**
 * The JavaScript language layer: the one GraalJS context ({@code JsHost}) and its prelude, the
 * Lang loop that runs all JS ({@code LangLoop}), the bridges the prelude calls
 * ({@code Bridge}, {@code GraphBridge}), error lines ({@code ErrorReport}), and the watches that
 * stop runaway user code ({@code StepWatch}, {@code HeapWatch}).
 *
 * <p>Thread rule: Lang thread only (the context is single-threaded), except the watches, which
 * interrupt it from their own threads, and {@code Output}, which any thread may write to.
 */
package dev.sonora.repl.lang;
