package dev.sonora.server.buffer;

/** A sound file that cannot be used, with one line naming the file and the reason. Any thread. */
public final class AudioFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AudioFileException(String message) {
        super(message, null, false, false);
    }
}
