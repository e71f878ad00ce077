/**
 * Synth definitions: {@link dev.sonora.server.synth.GraphBuilder} turns a graph of named units
 * into an immutable {@link dev.sonora.server.synth.SynthDef}, folding and fusing where it can;
 * {@link dev.sonora.server.synth.Units} names the unit types; {@code DefCost} estimates a
 * definition's cost per block from measured {@code UnitCosts}.
 *
 * <p>Thread rule: any non-audio thread (definitions are built on Lang, instantiated on the sender).
 */
package dev.sonora.server.synth;
