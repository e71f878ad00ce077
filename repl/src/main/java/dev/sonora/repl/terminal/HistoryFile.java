package dev.sonora.repl.terminal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sonora.repl.lang.PathKind;

/**
 * Whether the REPL's history file (`--history FILE`, default {@code ~/.sonora_history}) can be
 * read as JLine reads it: a text file, or none yet. JLine throws on a directory or on bytes that
 * are not UTF-8 on its first read, which would end the session at the first prompt. Input thread.
 */
final class HistoryFile {
    private HistoryFile() {
    }

    /** Why {@code p} cannot be the history file, in words ("'x' is a directory"), or null when it can. */
    static String whyUnusable(Path p) {
        String special = PathKind.special(p);
        if (special != null) return "'" + p + "' is " + special + ", not a text file";
        if (!Files.exists(p)) return null; // the first save makes it
        try {
            byte[] bytes = Files.readAllBytes(p);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return null;
        } catch (CharacterCodingException e) {
            return "'" + p + "' is not a text file (not UTF-8)";
        } catch (IOException e) {
            return "cannot read '" + p + "'" + (e instanceof java.nio.file.AccessDeniedException ? ": permission denied" : "");
        }
    }
}
