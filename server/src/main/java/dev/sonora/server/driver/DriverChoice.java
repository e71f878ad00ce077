package dev.sonora.server.driver;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.sonora.server.ServerException;

/**
 * Which driver plays live: the one asked for, else JACK when a JACK server is running, else
 * javax.sound, else the clocked null driver. A driver that cannot open says why in one line
 * and the next one plays. Any thread.
 */
public final class DriverChoice {
    public static final String JACK = "jack";
    public static final String JAVASOUND = "javasound";
    public static final String NULL = "null";

    private DriverChoice() {
    }

    /** Opens one kind of driver, or throws {@link ServerException} with one line saying why not. */
    public interface Opener {
        Driver open();
    }

    /** How to find out whether JACK runs, and how to open each kind (injected by tests). */
    public record Openers(BooleanSupplier jackRunning, Opener jack, Opener javaSound, Opener silent) {
    }

    /**
     * Opens the driver {@code requested} ("jack", "javasound", "null", or null for the
     * default). A refusal goes to {@code say} as one line; the null driver always opens.
     */
    public static Driver open(String requested, Openers o, Consumer<String> say) {
        if (NULL.equals(requested)) return o.silent().open();
        if (JACK.equals(requested) || requested == null && o.jackRunning().getAsBoolean()) {
            try {
                return o.jack().open();
            } catch (ServerException e) {
                say.accept("sonora: " + e.getMessage() + " — trying javax.sound");
            }
        }
        return withoutJack(o, say);
    }

    /** javax.sound, else the null driver (also where a set goes when JACK goes away). */
    public static Driver withoutJack(Openers o, Consumer<String> say) {
        try {
            return o.javaSound().open();
        } catch (ServerException e) {
            say.accept("sonora: " + e.getMessage() + " — playing silently on the null driver"
                    + " (hear it with --render out.wav --duration S, or pick --device; --list-devices shows them)");
            return o.silent().open();
        }
    }
}
