/**
 * The interactive terminal: JLine line reading, multi-line entry and completion.
 *
 * <p>Thread rule: the terminal (main) thread reads lines and hands them to Lang; it never runs JS.
 */
package dev.sonora.repl.terminal;
