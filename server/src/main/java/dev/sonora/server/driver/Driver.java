package dev.sonora.server.driver;

/**
 * Runs the audio thread ({@code sonora-rt}) that calls the engine once per block and hands
 * each block to an output. Lifecycle methods are called from the controlling thread.
 */
public interface Driver extends AutoCloseable {
    /** Starts the audio thread. */
    void start();

    /** One line for the user: what is playing where. */
    String describe();

    /**
     * Frames from a sample's rendering to its leaving the speakers, as far as the driver knows
     * (0 when it does not): Link places the beat there, not where it is rendered.
     */
    default int outputLatencyFrames() {
        return 0;
    }

    /** Stops the audio thread and releases the device. */
    @Override
    void close();
}
