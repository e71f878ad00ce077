package dev.sonora.repl.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A sound file's size and modification time when it was loaded: a file asked for again
 * ({@code buffer(path)} in a file saved fifty times, {@code samples(folder)} again) is loaded
 * again only when it changed, so asking costs no slot and no Disk-thread work. Any thread.
 */
record FileStamp(long size, long modifiedMillis) {
    /** Unreadable attributes: never equal to a real stamp, so the file is loaded (and its error said). */
    static final FileStamp UNKNOWN = new FileStamp(-1, -1);

    static FileStamp of(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** Whether the file is surely as it was at {@code earlier} (never when either stamp is unknown). */
    boolean sameAs(FileStamp earlier) {
        return size >= 0 && equals(earlier);
    }
}
