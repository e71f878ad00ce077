package dev.sonora.server.midi.message;

/**
 * Whether note messages also go to the note buffers, for a direct note mapping
 * ({@code midi.notes().play(def)}): on only while one exists, so that without one nothing fills
 * those buffers and nothing is counted as dropped. One per hub, shared by its routes.
 *
 * <p>Set by any non-audio thread; read by the producer threads (device callbacks, the file
 * player), allocation-free.
 */
public final class NoteRouting {
    private volatile boolean wanted;

    public boolean wanted() {
        return wanted;
    }

    public void wanted(boolean on) {
        wanted = on;
    }
}
