package dev.sonora.repl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import dev.sonora.repl.lang.PathKind;

/**
 * Checks a file Sonora is about to write ({@code --render OUT}, {@code --record OUT}) before
 * anything runs, so a mistake costs no waiting and no data: it is never one of the input
 * scripts (through any path or symlink), never an existing file that is not a WAV (its header,
 * not its name, decides; an empty file counts as nothing to lose) unless {@code --force}, and
 * it must be writable, with the reason in words when it is not. Controlling thread (pure
 * checks on the file system; writes nothing but a probe file that it removes again).
 */
final class OutputFile {
    /** Why an output file was refused: one line, ready to print after "sonora: ". */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private OutputFile() {
    }

    /** Refuses {@code out} (named by {@code option}) in one line; {@code inputs} are the scripts and other outputs. */
    static void check(String option, Path out, List<Path> inputs, boolean force) throws Refused {
        for (Path in : inputs) {
            if (same(out, in)) {
                throw new Refused(option + " " + out + ": that is the input file " + in + "; pick another output file");
            }
        }
        // a directory, a named pipe, a device: said by what it is, never opened (a pipe would wait for a reader)
        String special = PathKind.special(out);
        if (special != null) throw new Refused("cannot write " + out + ": is " + special);
        if (Files.isRegularFile(out) && !force && !PathKind.wavOrEmpty(out)) {
            throw new Refused(option + " " + out + ": the file exists and is not a WAV; refusing to overwrite it"
                    + " (another name, or --force to overwrite)");
        }
        probeWritable(out);
    }

    /** The same file through any path: by identity when it exists, else by the real path of its folder. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return canonical(a).equals(canonical(b));
        }
    }

    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        try {
            return parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    /** Opens the file for writing (creating it if need be, and removing it again), so every reason shows now. */
    private static void probeWritable(Path out) throws Refused {
        boolean existed = Files.exists(out, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.newByteChannel(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            if (!existed) Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new Refused("cannot write " + out + ": " + why(out, e));
        }
    }

    /** An I/O failure on {@code path} in words (never a Java class name, never just the path again). */
    static String why(Path path, IOException e) {
        Path parent = path.toAbsolutePath().normalize().getParent();
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "a part of the path is not a directory";
        if (e instanceof NoSuchFileException) {
            return parent != null && !Files.isDirectory(parent) ? "no such directory " + parent
                    : "cannot create a file in " + parent;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.equals(path.toString())) return "input/output error";
        return m.replace(path.toString() + ": ", "");
    }
}
