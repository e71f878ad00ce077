package dev.sonora.repl.lang;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

import dev.sonora.server.ServerException;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.synth.DefException;

/**
 * Turns what the JS engine threw into the one line a performer reads:
 * {@code file:line: reason}. The location is the innermost frame of user code (the prelude
 * is an internal source, so API functions never show up as the place of a mistake).
 * Any thread (pure function of the exception).
 */
public final class ErrorReport {
    private ErrorReport() {
    }

    public static UserError toUserError(PolyglotException e) {
        if (e.isInterrupted() || e.isCancelled()) {
            // stopped by the step watch: a failure with its place, not a Ctrl-C
            if (StepWatch.reasonOnThisThread() != null) return new UserError(format(e));
            return new UserError("interrupted", true);
        }
        return new UserError(format(e));
    }

    /** {@code file:line: reason}, the place taken from {@code e} (the reason is the caller's). */
    static String withLocation(PolyglotException e, String fallback, String reason) {
        String where = location(e);
        if (where == null) where = fallback;
        return where == null ? reason : where + ": " + reason;
    }

    public static String format(PolyglotException e) {
        String where = location(e);
        String reason = reason(e);
        return where == null ? reason : where + ": " + reason;
    }

    private static String location(PolyglotException e) {
        if (e.isSyntaxError() && e.getSourceLocation() != null) {
            return where(e.getSourceLocation());
        }
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame()) continue;
            SourceSection s = f.getSourceLocation();
            if (s == null || s.getSource().isInternal()) continue;
            return where(s);
        }
        SourceSection s = e.getSourceLocation();
        return s == null || s.getSource().isInternal() ? null : where(s);
    }

    private static String where(SourceSection s) {
        return s.getSource().getName() + ":" + s.getStartLine();
    }

    public static String reason(PolyglotException e) {
        // stopped by the step watch: what to say, however the stop surfaced (an interrupt, or the
        // error of a host call it cut short, rethrown by the prelude)
        String stopped = StepWatch.reasonOnThisThread();
        if (stopped != null) return stopped;
        if (e.isInterrupted() || e.isCancelled()) return "interrupted";
        if (e.isHostException()) return hostReason(e.asHostException());
        String m = e.getMessage();
        if (m == null) return "error";
        if (e.isSyntaxError()) {
            // "SyntaxError: file:1:3 Expected ...\n<source line>\n   ^": keep the words only
            String first = m.lines().findFirst().orElse(m);
            String rest = first.replaceFirst("^SyntaxError: \\S+:\\d+:\\d+ ", "");
            return "SyntaxError: " + rest.replaceFirst("^SyntaxError: ", "");
        }
        String first = m.lines().findFirst().orElse(m);
        // the engine's words for an import of a file, which the sandbox refuses: say it in ours
        java.util.regex.Matcher denied = IMPORT_DENIED.matcher(first);
        if (denied.matches()) {
            return "import '" + denied.group(1) + "': scripts cannot import files; run it with load('" + denied.group(1) + "') instead";
        }
        // API errors and plain user errors read better without the "Error: " label
        return first.startsWith("Error: ") ? first.substring(7) : first;
    }

    /** GraalJS's message when a module imports a file and the context's file system says no. */
    private static final java.util.regex.Pattern IMPORT_DENIED = java.util.regex.Pattern.compile("(?:\\w*Error: )?Operation is not allowed for: (.+)");

    /**
     * What a user reads for a Java exception: the message of a refusal (server, definition,
     * MIDI, a bad argument), never a Java class name; a bug says it is one. The prelude turns
     * bridge exceptions into JS errors with this text ({@code Bridge.hostMessage}).
     */
    public static String hostReason(Throwable h) {
        if (h instanceof ServerException || h instanceof DefException || h instanceof IllegalArgumentException
                || h instanceof MidiException || h instanceof UserError) {
            return h.getMessage();
        }
        if (System.getenv("SONORA_DEBUG") != null) h.printStackTrace();
        return "internal error (a bug in Sonora; SONORA_DEBUG=1 prints where)";
    }
}
