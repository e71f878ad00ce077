package dev.sonora.server.rt;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Resolves, on the calling thread, the string literals of classes whose code the audio thread
 * runs, so that the audio thread never has to.
 *
 * <p>Why: before HotSpot compiles a method with C2 it resolves every string literal in that
 * method's class, on the thread whose invocation counter asked for the compile, and resolving
 * a literal makes its {@code String}. A class that only the audio thread runs (JACK's process
 * callback, JNA's {@code Pointer.write}) is first hot there, so the audio thread allocated the
 * class's literals (error messages it never prints), up to about 2 KB, when that compile
 * came: at a JACK period of 256 frames, 25 s into a set. A literal read once through the class's
 * constant pool stays resolved, and the compile then finds nothing to make.
 *
 * <p>The constant pool is reached through the JDK's internal access, which the launcher and the
 * build open ({@code --add-exports java.base/jdk.internal.access=ALL-UNNAMED} and
 * {@code java.base/jdk.internal.reflect}). Without them this does nothing ({@link #available}
 * is false) and the one-off allocation comes back. Any non-audio thread, before the audio
 * thread first runs the classes, which it initialises if they are not yet.
 */
public final class StringLiterals {
    private static final Object ACCESS;      // jdk.internal.access.JavaLangAccess
    private static final Method POOL;        // JavaLangAccess.getConstantPool(Class)
    private static final Method SIZE;        // ConstantPool.getSize()
    private static final Method TAG;         // ConstantPool.getTagAt(int)
    private static final Method STRING;      // ConstantPool.getStringAt(int): resolves the literal
    private static final Object STRING_TAG;  // ConstantPool.Tag.STRING

    static {
        Object access = null;
        Method pool = null;
        Method size = null;
        Method tag = null;
        Method string = null;
        Object stringTag = null;
        try {
            access = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
            pool = Class.forName("jdk.internal.access.JavaLangAccess").getMethod("getConstantPool", Class.class);
            Class<?> cp = Class.forName("jdk.internal.reflect.ConstantPool");
            size = cp.getMethod("getSize");
            tag = cp.getMethod("getTagAt", int.class);
            string = cp.getMethod("getStringAt", int.class);
            stringTag = Class.forName("jdk.internal.reflect.ConstantPool$Tag").getField("STRING").get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            access = null; // not exported to us (or a JDK without it): resolve() does nothing
        }
        ACCESS = access;
        POOL = pool;
        SIZE = size;
        TAG = tag;
        STRING = string;
        STRING_TAG = stringTag;
    }

    private StringLiterals() {
    }

    /** Whether this JVM lets {@link #resolve} reach constant pools. */
    public static boolean available() {
        return ACCESS != null;
    }

    /**
     * Resolves every string literal of each class and of its superclasses (an inherited method's
     * literals are its declaring class's); returns how many it read (0 when not {@link #available}).
     */
    public static int resolve(Class<?>... classes) {
        if (ACCESS == null) return 0;
        // each class once: the audio-thread classes share superclasses (every command is a Command)
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> top : classes) {
            for (Class<?> c = top; c != null && c != Object.class; c = c.getSuperclass()) all.add(c);
        }
        int read = 0;
        for (Class<?> c : all) read += resolveOne(c);
        return read;
    }

    private static int resolveOne(Class<?> c) {
        int read = 0;
        try {
            // initialised, so linked: an unlinked class's pool has no map of its literals yet, and
            // reading one there crashes the JVM (a class named by a literal, X.class, is not linked)
            Class.forName(c.getName(), true, c.getClassLoader());
            Object pool = POOL.invoke(ACCESS, c);
            int n = (Integer) SIZE.invoke(pool);
            for (int i = 1; i < n; i++) {
                if (TAG.invoke(pool, i) == STRING_TAG) {
                    STRING.invoke(pool, i);
                    read++;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // a class the JDK will not show or cannot initialise: its literals stay for the compiler to make
        }
        return read;
    }
}
