package dev.sonora.server;

/** What the server tells the front end. Called on the NRT thread; implementations hand off to Lang. */
public interface ServerListener {
    /** A node ended: freed, released by its envelope, or never linked. */
    default void nodeEnded(NodeRef node) {
    }

    /** One line for the user about something that failed after it was sent. */
    default void error(String message) {
    }

    /**
     * One line for the user that is news, not a failure (a synth pool grew). Not an error: a
     * render that reports errors exits non-zero, so this is ignored unless a listener shows it.
     */
    default void info(String message) {
    }
}
