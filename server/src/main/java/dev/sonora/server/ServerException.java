package dev.sonora.server;

/**
 * A request the server refused, with one line for the user saying what and why
 * (full queue, node limit, unknown definition, ended node...). Thrown to the sender only;
 * the audio goes on. Any thread.
 */
public final class ServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message); // keeps its stack trace: the JS host finds the script line in it
    }
}
