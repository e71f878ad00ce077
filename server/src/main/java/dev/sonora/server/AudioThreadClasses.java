package dev.sonora.server;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.buffer.SwapBuffer;
import dev.sonora.server.record.RecordTap;
import dev.sonora.server.record.SwapTap;
import dev.sonora.server.rt.StringLiterals;
import dev.sonora.server.stream.DiskIn;

/**
 * Every class of the packages whose code the audio thread runs, loaded, initialised and with
 * its string literals made, on the calling thread, once per JVM: so the audio thread never
 * loads a class (an allocation and the class loader's lock), runs a static initialiser, or has
 * HotSpot make a class's literals when it asks for the class's first C2 compile
 * ({@link StringLiterals}). The same for {@link #ELSEWHERE}, the few classes the audio thread
 * runs that live beside their feature; drivers prepare their own. Called by the server's
 * constructor. Any non-audio thread.
 */
public final class AudioThreadClasses {
    /** The packages whose classes run on the audio thread (each package-info says so); the architecture test checks the same list. */
    public static final List<String> PACKAGES = List.of("dev.sonora.server.rt", "dev.sonora.server.node", "dev.sonora.server.ugen",
            "dev.sonora.server.midi.rt", "dev.sonora.server.callback", "dev.sonora.server.osc.rt", "dev.sonora.server.observe");

    /**
     * Classes outside those packages whose code the audio thread runs: commands, taps and a unit
     * kept beside their feature (drivers prepare their own). {@code AudioThreadClassesTest} finds
     * every such class and fails on one missing here.
     */
    public static final List<Class<?>> ELSEWHERE = List.of(SwapBuffer.class, SwapTap.class, RecordTap.class, DiskIn.class);

    /** Library classes every audio thread runs: the ends of the command and return queues. */
    static final List<Class<?>> LIBRARIES = List.of(MpscArrayQueue.class, SpscArrayQueue.class);

    private static volatile boolean prepared;

    private AudioThreadClasses() {
    }

    /** Idempotent; the first call does the work (tens of milliseconds). */
    public static synchronized void prepare() {
        if (prepared) return;
        ClassLoader loader = AudioThreadClasses.class.getClassLoader();
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names()) {
            try {
                classes.add(Class.forName(name, true, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("audio-thread class " + name + " cannot be loaded: " + e, e);
            }
        }
        classes.addAll(ELSEWHERE);
        classes.addAll(LIBRARIES);
        StringLiterals.resolve(classes.toArray(Class<?>[]::new));
        prepared = true;
    }

    /** Binary names of the classes in {@link #PACKAGES} (not their sub-packages: list those), or none when the class path cannot be read. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            Path where = Path.of(AudioThreadClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                for (String pkg : PACKAGES) {
                    Path dir = where.resolve(pkg.replace('.', '/'));
                    if (!Files.isDirectory(dir)) continue;
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class") && !f.equals("package-info.class"))
                                .forEach(f -> names.add(pkg + "." + f.substring(0, f.length() - ".class".length())));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                            .forEach(n -> {
                                int slash = n.lastIndexOf('/');
                                if (PACKAGES.contains(n.substring(0, slash).replace('/', '.'))) {
                                    names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                                }
                            });
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // an unusual class path: the drivers' own lists and the warm-up still cover the usual paths
            return List.of();
        }
        return names;
    }
}
