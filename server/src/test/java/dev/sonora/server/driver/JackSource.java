package dev.sonora.server.driver;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * A second JACK client for the tests: one output port playing a sine, as another program
 * (a microphone, a synth) would feed Sonora's inputs. Opened and closed on the test thread;
 * its process callback runs on JACK's thread.
 */
final class JackSource implements AutoCloseable {
    private final long client;
    private final long port;
    private final double step;
    private final float amp;
    private final JackLib.MovablePointer cursor = new JackLib.MovablePointer();
    private final JackLib.ProcessCallback process = this::process;
    private float[] block = new float[0];
    private double phase;

    JackSource(String server, double freq, float amp, int sampleRate) {
        this.step = 2 * Math.PI * freq / sampleRate;
        this.amp = amp;
        client = JackLib.jack_client_open("source", JackLib.JACK_NO_START_SERVER | JackLib.JACK_SERVER_NAME, new int[1], server);
        if (client == 0) throw new AssertionError("source: cannot join JACK server " + server);
        port = JackLib.jack_port_register(client, "out", JackLib.AUDIO_TYPE, new NativeLong(JackLib.PORT_IS_OUTPUT), new NativeLong(0));
        JackLib.jack_set_process_callback(client, process, null);
        JackLib.jack_activate(client);
    }

    private int process(int n, Pointer arg) {
        if (block.length != n) block = new float[n]; // a test client: allocating here is allowed
        for (int i = 0; i < n; i++) {
            block[i] = (float) (amp * Math.sin(phase));
            phase += step;
        }
        cursor.at(JackLib.jack_port_get_buffer(port, n)).write(0, block, 0, n);
        return 0;
    }

    /** Connects this source's output to a port of another client (its full name). */
    void feed(String target) {
        int r = JackLib.jack_connect(client, JackLib.jack_port_name(port), target);
        if (r != 0) throw new AssertionError("cannot connect the source to " + target + ": " + r);
    }

    @Override
    public void close() {
        JackLib.jack_deactivate(client);
        JackLib.jack_client_close(client);
    }
}
