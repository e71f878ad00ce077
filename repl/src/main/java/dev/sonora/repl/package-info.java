/**
 * The front end's entry: the command line ({@code Cli}, {@code Options}, {@code OutputFile}) and
 * one session ({@code Session}: a server, its driver, the JS host and the Lang loop).
 *
 * <p>Thread rule: runs on the main thread while starting and stopping; the session's work runs
 * on the threads it starts (Lang, the terminal, the NRT thread). Never on the audio thread.
 */
package dev.sonora.repl;
