package dev.sonora.server.rt;

/**
 * Loads and initialises, on the calling thread, the static helper classes that the audio
 * thread reaches only through commands or the block loop, so none is first loaded there (a
 * class load allocates and can block on the class loader). Called by the server's
 * constructor. Any non-audio thread.
 */
public final class RtClasses {
    private static final String[] NAMES = {
        "dev.sonora.server.node.Targets",
        "dev.sonora.server.node.RtError",
        "dev.sonora.server.rt.OutputStage",
        "dev.sonora.server.rt.ScheduleHeap",
        "dev.sonora.server.rt.AddAction",
        "dev.sonora.server.rt.MasterGain",
    };

    private RtClasses() {
    }

    public static void preload() {
        ClassLoader loader = RtClasses.class.getClassLoader();
        for (String name : NAMES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("missing audio-thread class " + name, e);
            }
        }
    }
}
