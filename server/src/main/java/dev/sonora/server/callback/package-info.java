/**
 * Handing a callback to the audio thread: a listener with its own lifetime (a meter, a scope, a
 * status line) registers and unregisters a callback that the audio thread calls once a block,
 * and with no listener the audio thread does (almost) nothing. One interface,
 * {@link dev.sonora.server.callback.CallbackSlot}, four strategies compared in
 * {@code bench/…/CallbackSlotBench} and {@code docs/performance.md}: a spin lock
 * ({@link dev.sonora.server.callback.SpinLockSlot}), an SPSC ring of pending changes
 * ({@link dev.sonora.server.callback.SpscRingSlot}), a "trap", a hand-over cell of capacity one
 * ({@link dev.sonora.server.callback.TrapSlot}), and an overwriting ring that keeps only the
 * latest change ({@link dev.sonora.server.callback.OverwritingRingSlot}).
 *
 * <p>The guarantee every strategy keeps: once {@code unregister} (or a {@code register} that
 * replaced a callback) has returned, the audio thread never calls the old callback again and
 * is not inside it. The spin lock keeps it with its lock; the three lock-free strategies with
 * {@link dev.sonora.server.callback.GuardedSlot}'s revocation (generation numbers and an
 * in-call marker, checked Dekker-style), so they never need the audio thread to come round.
 *
 * <p>Thread rule: {@code use} on the audio thread only (one thread at a time): it never
 * allocates, locks, parks or does I/O (the spin lock's audio side only tries the lock and skips
 * the call when a setter holds it). {@code register}/{@code unregister} on any other thread,
 * as each class says (two strategies accept one producer thread only). Depends on no other
 * engine package.
 */
package dev.sonora.server.callback;
