package dev.sonora.server.driver;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * A second JACK client for the tests: one input port whose samples it keeps, as another
 * program on the JACK graph would hear Sonora. Opened and closed on the test thread.
 */
final class JackRecorder implements AutoCloseable {
    private final long client;
    private final long port;
    private final float[] samples;
    private final JackLib.MovablePointer cursor = new JackLib.MovablePointer();
    private final JackLib.ProcessCallback process = this::process;
    private volatile int frames;

    JackRecorder(String server, int capacity) {
        samples = new float[capacity];
        client = JackLib.jack_client_open("recorder", JackLib.JACK_NO_START_SERVER | JackLib.JACK_SERVER_NAME, new int[1], server);
        if (client == 0) throw new AssertionError("recorder: cannot join JACK server " + server);
        port = JackLib.jack_port_register(client, "in", JackLib.AUDIO_TYPE, new NativeLong(JackLib.PORT_IS_INPUT), new NativeLong(0));
        JackLib.jack_set_process_callback(client, process, null);
        JackLib.jack_activate(client);
    }

    private int process(int n, Pointer arg) {
        int at = frames;
        int keep = Math.min(n, samples.length - at);
        if (keep > 0) {
            cursor.at(JackLib.jack_port_get_buffer(port, n)).read(0, samples, at, keep);
            frames = at + keep;
        }
        return 0;
    }

    /** Connects a port of another client (its full name) to this recorder's input. */
    void listenTo(String source) {
        int r = JackLib.jack_connect(client, source, JackLib.jack_port_name(port));
        if (r != 0) throw new AssertionError("cannot connect " + source + " to the recorder: " + r);
    }

    int frames() {
        return frames;
    }

    float[] samples() {
        return samples;
    }

    @Override
    public void close() {
        JackLib.jack_deactivate(client);
        JackLib.jack_client_close(client);
    }
}
