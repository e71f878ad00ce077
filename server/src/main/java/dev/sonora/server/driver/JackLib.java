package dev.sonora.server.driver;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libjack functions Sonora uses, bound through JNA direct mapping. Direct mapping
 * matters on the audio thread: a direct-mapped call or callback whose arguments and results
 * are primitives (client and port handles are {@code long} addresses here, never JNA
 * {@code Pointer}s) passes them through without boxing, so the process callback allocates
 * nothing (measured: docs/design-notes.md). Any thread, unless a method says otherwise.
 */
final class JackLib {
    static final int JACK_NO_START_SERVER = 0x01;
    static final int JACK_USE_EXACT_NAME = 0x02;
    static final int JACK_SERVER_NAME = 0x04;
    static final long PORT_IS_INPUT = 0x1;
    static final long PORT_IS_OUTPUT = 0x2;
    static final long PORT_IS_PHYSICAL = 0x4;
    static final int PLAYBACK_LATENCY = 1;
    static final String AUDIO_TYPE = "32 bit float mono audio";

    /** libjack's messages: dropped (see {@link #loadProblem}); a strong reference for JNA. */
    private static final MessageCallback QUIET = message -> { };
    private static final String LOAD_ERROR = load();

    private JackLib() {
    }

    private static String load() {
        return loadProblem("jack");
    }

    /** Binds this class's natives to {@code library}; null when it loads, else one line. */
    static String loadProblem(String library) {
        try {
            Native.register(JackLib.class, library);
            // libjack prints to stderr (e.g. on every probe when no server runs); Sonora says
            // what matters in its own one line instead
            // libjack's own threads log too (its notification thread, as a server dies): attached once
            // and kept, as JackDriver's callbacks are, not attached and detached around each line
            Native.setCallbackThreadInitializer(QUIET, new CallbackThreadInitializer(true, false, JackDriver.NOTIFY_THREAD));
            jack_set_error_function(QUIET);
            jack_set_info_function(QUIET);
            return null;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "libjack is not installed (" + firstLine(e.getMessage()) + ")";
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "not found";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Null when libjack is loaded, else one line saying why not. */
    static String loadError() {
        return LOAD_ERROR;
    }

    /** Called once per JACK period on JACK's real-time thread. Must not allocate or throw. */
    interface ProcessCallback extends Callback {
        int invoke(int nframes, Pointer arg);
    }

    /** JACK's notification thread: an xrun happened. */
    interface XrunCallback extends Callback {
        int invoke(Pointer arg);
    }

    /** JACK's notification thread: the period or the sample rate is about to change. */
    interface FramesCallback extends Callback {
        int invoke(int frames, Pointer arg);
    }

    /** libjack's error and info output. */
    interface MessageCallback extends Callback {
        void invoke(String message);
    }

    /** A JACK thread: the server went away or shut the client down. */
    interface ShutdownCallback extends Callback {
        void invoke(int code, String reason, Pointer arg);
    }

    // jack_client_open is variadic: its one optional argument, the server name (with
    // JACK_SERVER_NAME), is a pointer, which the Linux ABIs (x86-64, aarch64) pass exactly as
    // in a plain call. Without it, the server is $JACK_DEFAULT_SERVER or "default".
    static native long jack_client_open(String name, int options, int[] status);

    static native long jack_client_open(String name, int options, int[] status, String serverName);

    static native int jack_client_close(long client);

    static native void jack_set_error_function(MessageCallback f);

    static native void jack_set_info_function(MessageCallback f);

    static native int jack_activate(long client);

    static native int jack_deactivate(long client);

    static native int jack_get_sample_rate(long client);

    static native int jack_get_buffer_size(long client);

    static native String jack_get_client_name(long client);

    static native long jack_port_register(long client, String name, String type, NativeLong flags, NativeLong bufferSize);

    static native String jack_port_name(long port);

    /** Audio thread: frames since the JACK server began the current cycle (its estimate). */
    static native int jack_frames_since_cycle_start(long client);

    /** Audio thread: the port's buffer for this period, as an address. */
    static native long jack_port_get_buffer(long port, int nframes);

    static native void jack_port_get_latency_range(long port, int mode, int[] range);

    static native int jack_connect(long client, String source, String destination);

    static native Pointer jack_get_ports(long client, String namePattern, String typePattern, NativeLong flags);

    static native void jack_free(Pointer p);

    static native int jack_set_process_callback(long client, ProcessCallback cb, Pointer arg);

    static native int jack_set_xrun_callback(long client, XrunCallback cb, Pointer arg);

    static native int jack_set_buffer_size_callback(long client, FramesCallback cb, Pointer arg);

    static native int jack_set_sample_rate_callback(long client, FramesCallback cb, Pointer arg);

    static native void jack_on_info_shutdown(long client, ShutdownCallback cb, Pointer arg);

    /** Names from a NULL-terminated array that {@link #jack_get_ports} returned, then frees it. */
    static String[] takeNames(Pointer names) {
        if (names == null) return new String[0];
        try {
            return names.getStringArray(0);
        } finally {
            jack_free(names);
        }
    }

    /**
     * A JNA pointer whose address can be moved, so the audio thread writes into each period's
     * port buffer without making a new {@code Pointer} per period.
     */
    static final class MovablePointer extends Pointer {
        MovablePointer() {
            super(0);
        }

        /** Audio thread only. */
        MovablePointer at(long address) {
            peer = address;
            return this;
        }
    }
}
