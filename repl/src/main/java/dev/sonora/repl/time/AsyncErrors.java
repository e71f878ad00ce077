package dev.sonora.repl.time;

import java.util.function.Consumer;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import dev.sonora.repl.lang.ErrorReport;

/**
 * An {@code async} loop body or {@code at} callback returns a promise at once, and what it throws
 * after an {@code await} rejects that promise later, where nothing would ever say so: the
 * performer would hear a part go missing with no line. The caller hands such a promise here and
 * gets its rejection as the line any body's error gets, {@code file:line: reason}. Lang thread
 * only (promise reactions run there).
 */
final class AsyncErrors {
    private static final ProxyExecutable NOTHING = args -> null;

    private AsyncErrors() {
    }

    /** Whether a body's result is a promise (a plain body returns undefined: the usual case, and cheap to tell). */
    static boolean isPromise(Value result) {
        if (result == null || !result.hasMembers()) return false;
        Value then = result.getMember("then");
        return then != null && then.canExecute();
    }

    /** Calls {@code line} with the one line for {@code promise}'s rejection, if it is rejected. */
    static void onRejection(Value promise, Consumer<String> line) {
        promise.invokeMember("then", NOTHING, (ProxyExecutable) args -> {
            line.accept(describe(args.length > 0 ? args[0] : null));
            return null;
        });
    }

    private static String describe(Value reason) {
        if (reason != null && reason.isException()) {
            try {
                reason.throwException(); // as a PolyglotException it carries its file:line
            } catch (PolyglotException e) {
                return ErrorReport.format(e);
            }
        }
        if (reason == null) return "undefined";
        return reason.isString() ? reason.asString() : reason.toString(); // throw 'text'
    }
}
