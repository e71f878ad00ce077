package dev.sonora.repl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * For the few tests that judge timing in real time across threads or processes (Link bars
 * within 1 ms of a peer's, MIDI notes by a cable's clock, OSC stamps on the beat grid): a test
 * method whose assertion fails is run again, at most {@link #ATTEMPTS} times in all, and passes
 * only when one whole run passes. Each failed attempt is printed.
 *
 * <p>Why: on this project's VM a process is now and then not run for several milliseconds (the
 * host's scheduling: docs/performance.md, "A noisier machine"), and a clocked driver that misses
 * its deadline resynchronises its sample clock with the wall clock, which moves one window's
 * sounds by that much against a peer's. A fault in Sonora's timing shows in every attempt. Only
 * assertion failures are retried; an error, or an assumption that aborts, ends the test at once.
 * A test that throws {@link NotJudged} says the machine stalled it too often to judge (as many
 * xruns of its clocked driver as bars in the window): when the last attempt says so too, the
 * test is reported skipped with that line, not passed.
 */
public final class RealTimeRetry implements InvocationInterceptor {
    static final int ATTEMPTS = 3;

    /** An attempt the machine disturbed too much to judge either way (retried like a failure). */
    public static final class NotJudged extends AssertionError {
        public NotJudged(String message) {
            super(message);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        AssertionError failed;
        try {
            invocation.proceed();
            return;
        } catch (AssertionError e) {
            failed = e;
        }
        Method m = call.getExecutable();
        m.setAccessible(true);
        for (int attempt = 2; ; attempt++) {
            System.out.printf("%s: attempt %d of %d failed, in real time (%s)%s%n", context.getDisplayName(), attempt - 1, ATTEMPTS,
                    failed.getMessage(), attempt <= ATTEMPTS ? "; once more" : "");
            if (attempt > ATTEMPTS) {
                if (failed instanceof NotJudged) throw new TestAbortedException("not judged on this machine: " + failed.getMessage());
                throw failed;
            }
            try {
                m.invoke(call.getTarget().orElse(null), call.getArguments().toArray());
                return;
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof AssertionError a)) throw e.getCause();
                failed = a;
            }
        }
    }
}
