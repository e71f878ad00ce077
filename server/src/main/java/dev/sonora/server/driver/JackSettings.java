package dev.sonora.server.driver;

/**
 * How the JACK driver connects. Any thread (immutable).
 *
 * @param clientName the JACK client's name ("sonora"); JACK adds a suffix if it is taken
 * @param serverName the JACK server to join, or null for {@code $JACK_DEFAULT_SERVER} / "default"
 * @param outputs    output ports: 1 and 2 carry the main output (1 alone: its mono sum), port
 *                   k > 2 carries audio bus k-1
 * @param inputs     input ports: port j feeds audio bus {@code outputs + j - 1}
 * @param connect    connect the ports to the system's playback (and capture) ports
 */
public record JackSettings(String clientName, String serverName, int outputs, int inputs, boolean connect) {
    /** Buses below this are kept for device outputs and inputs (the prelude's HARDWARE_BUSES). */
    public static final int HARDWARE_BUSES = 16;

    public static JackSettings defaults() {
        return new JackSettings("sonora", null, 2, 0, true);
    }

    public JackSettings withServer(String name) {
        return new JackSettings(clientName, name, outputs, inputs, connect);
    }

    public JackSettings withPorts(int outs, int ins) {
        return new JackSettings(clientName, serverName, outs, ins, connect);
    }

    public JackSettings withConnect(boolean c) {
        return new JackSettings(clientName, serverName, outputs, inputs, c);
    }
}
