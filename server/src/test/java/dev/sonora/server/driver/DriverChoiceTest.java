package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.ServerException;

/** The default driver and the fallbacks, with the probes and openers injected. */
class DriverChoiceTest {
    private static final class Fake implements Driver {
        final String name;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public void start() {
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void close() {
        }
    }

    private final Fake jack = new Fake("jack");
    private final Fake javaSound = new Fake("javasound");
    private final Fake silent = new Fake("null");
    private final List<String> said = new ArrayList<>();

    private DriverChoice.Openers openers(boolean jackRuns, String jackFails, String javaSoundFails) {
        return new DriverChoice.Openers(() -> jackRuns,
                () -> {
                    if (jackFails != null) throw new ServerException(jackFails);
                    return jack;
                },
                () -> {
                    if (javaSoundFails != null) throw new ServerException(javaSoundFails);
                    return javaSound;
                },
                () -> silent);
    }

    @Test
    void theDefaultIsJackWhenAJackServerRuns() {
        assertSame(jack, DriverChoice.open(null, openers(true, null, null), said::add));
        assertTrue(said.isEmpty());
    }

    @Test
    void elseJavaSoundSaidNothingAboutJack() {
        assertSame(javaSound, DriverChoice.open(null, openers(false, null, null), said::add));
        assertTrue(said.isEmpty(), "no JACK server is the usual case, not news: " + said);
    }

    @Test
    void elseTheNullDriverInOneLine() {
        assertSame(silent, DriverChoice.open(null, openers(false, null, "audio: no device"), said::add));
        assertEquals(1, said.size());
        assertTrue(said.get(0).startsWith("sonora: audio: no device — playing silently on the null driver"), said.get(0));
    }

    @Test
    void askingForJackWithoutLibjackIsOneLineThenJavaSound() {
        assertSame(javaSound, DriverChoice.open("jack", openers(false, "jack: libjack is not installed (x)", null), said::add));
        assertEquals(List.of("sonora: jack: libjack is not installed (x) — trying javax.sound"), said);
    }

    @Test
    void aJackServerThatRunsButRefusesFallsBackToo() {
        assertSame(silent, DriverChoice.open(null, openers(true, "jack: refused", "audio: none"), said::add));
        assertEquals(2, said.size(), said.toString());
    }

    @Test
    void askedForDriversAreUsedWithoutProbing() {
        DriverChoice.Openers o = new DriverChoice.Openers(() -> {
            throw new AssertionError("probed");
        }, () -> jack, () -> javaSound, () -> silent);
        assertSame(silent, DriverChoice.open("null", o, said::add));
        assertSame(javaSound, DriverChoice.open("javasound", o, said::add));
        assertSame(jack, DriverChoice.open("jack", o, said::add));
    }

    @Test
    void aMissingLibraryIsOneLine() {
        String problem = JackLib.loadProblem("sonora-no-such-library");
        assertTrue(problem.startsWith("libjack is not installed (") && !problem.contains("\n"), problem);
    }
}
