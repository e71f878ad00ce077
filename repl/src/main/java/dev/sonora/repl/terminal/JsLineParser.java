package dev.sonora.repl.terminal;

import java.util.List;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import dev.sonora.repl.lang.SourceRewriter;

/**
 * JLine's view of JavaScript input: an unfinished expression (open bracket, template or
 * comment, trailing operator) asks for another line instead of being evaluated; the word
 * under the cursor for completion is a dotted name ({@code n.se}). Input thread.
 */
final class JsLineParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && SourceRewriter.isIncomplete(line)) {
            throw new EOFError(-1, -1, "incomplete input", "...");
        }
        int start = cursor;
        while (start > 0 && isWordChar(line.charAt(start - 1))) start--;
        int end = cursor;
        while (end < line.length() && isWordChar(line.charAt(end))) end++;
        String word = line.substring(start, end);
        int wordCursor = cursor - start;
        return new ParsedLine() {
            @Override
            public String word() {
                return word;
            }

            @Override
            public int wordCursor() {
                return wordCursor;
            }

            @Override
            public int wordIndex() {
                return 0;
            }

            @Override
            public List<String> words() {
                return List.of(word);
            }

            @Override
            public String line() {
                return line;
            }

            @Override
            public int cursor() {
                return cursor;
            }
        };
    }

    static boolean isWordChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }
}
