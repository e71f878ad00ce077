package dev.sonora.repl.lang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a path is, in the words every file-taking API uses when it refuses one ({@code load},
 * {@code watch}, {@code buffer}, {@code stream}, {@code samples}, {@code midi.play}): a
 * directory, a named pipe, a device, missing. Looks only at the file's metadata: it never opens
 * it (opening a FIFO would block the Lang thread until someone writes to it), except that
 * {@link #wavOrEmpty} reads the first bytes of a regular file. Any thread.
 */
public final class PathKind {
    private static final int S_IFMT = 0170000, S_IFIFO = 0010000, S_IFCHR = 0020000, S_IFBLK = 0060000,
            S_IFSOCK = 0140000;

    private PathKind() {
    }

    /** "a directory", "a named pipe (FIFO)", "a device", "a socket", "a special file", or null: a regular file or missing. */
    public static String special(Path p) {
        if (Files.isDirectory(p)) return "a directory";
        if (!Files.exists(p) || Files.isRegularFile(p)) return null;
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            switch (mode & S_IFMT) {
                case S_IFIFO: return "a named pipe (FIFO)";
                case S_IFCHR: case S_IFBLK: return "a device";
                case S_IFSOCK: return "a socket";
                default: return "a special file";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file"; // no unix view here: say what we know
        }
    }

    /**
     * Refuses anything but a readable regular file, in one line naming the path as the user gave it:
     * {@code buffer: '/tmp' is a directory, not a sound file}. {@code wanted}: "sound file", "script"...
     */
    public static void requireFile(Path p, String shown, String what, String wanted) {
        String special = special(p);
        if (special != null) throw new IllegalArgumentException(what + ": '" + shown + "' is " + special + ", not a " + wanted);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(what + ": no file '" + shown + "'" + (p.toString().equals(shown) ? "" : " (looked for " + p + ")"));
        }
        if (!Files.isReadable(p)) throw new IllegalArgumentException(what + ": cannot read '" + shown + "': permission denied");
    }

    /** Refuses a path that is not a folder: {@code samples: '/dev/null' is a device, not a folder}. */
    public static void requireFolder(Path p, String shown, String what) {
        if (Files.isDirectory(p)) return;
        if (!Files.exists(p)) throw new IllegalArgumentException(what + ": no folder '" + shown + "'");
        String special = special(p);
        throw new IllegalArgumentException(what + ": '" + shown + "' is " + (special == null ? "a file" : special) + ", not a folder");
    }

    /**
     * Whether an output file may be written over without losing anything: a WAV (by its header,
     * not its name) or an empty file. Unreadable counts as not known to be a WAV. Regular files only.
     */
    public static boolean wavOrEmpty(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] h = in.readNBytes(12);
            if (h.length == 0) return true;
            return h.length == 12 && new String(h, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                    && new String(h, 8, 4, StandardCharsets.US_ASCII).equals("WAVE");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The path as the disk has it, links followed ('..' from a folder reached through a link is the
     * target's parent, as in a shell; a link to a file is that file); as given, made absolute, when
     * it cannot be read.
     */
    public static Path onDisk(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
