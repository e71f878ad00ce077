/**
 * Crossfading proxies ({@code ndef}, issue 16): named sounds on private buses whose every change
 * is an equal-power crossfade starting on one exact sample (the proxy's quant boundary).
 *
 * <p>Thread rule: Lang thread; the fades themselves run on the audio thread in the server's
 * {@code _xfade} unit, driven by timed commands.
 */
package dev.sonora.repl.ndef;
