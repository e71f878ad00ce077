package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.synth.GraphBuilder;

/**
 * The JACK driver against a JACK dummy server of the test's own (skipped where jackd is not
 * installed): JACK's thread runs the block loop, a sine reaches another JACK client, xruns
 * count, refusals are one line, and a server that dies hands the set to another driver.
 */
class JackDriverTest {
    private static final int PERIOD = 128;

    static NodeRef sine(Server server, float freq, float amp) {
        GraphBuilder b = new GraphBuilder();
        server.addDef(b.build("sine", b.unit("mul", b.unit("sine", b.control("freq", 440)), b.control("amp", 0.1))));
        return server.synth("sine", new String[] {"freq", "amp"}, new float[] {freq, amp}, AddAction.TAIL,
                server.defaultGroup(), Command.NOW);
    }

    static void await(BooleanSupplier condition, long millis, String what) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Test
    void aSineReachesAnotherJackClientThroughJacksOwnThread() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, PERIOD)) {
            Server server = new Server(ServerOptions.defaults());
            server.startNrtThread();
            List<String> notices = new CopyOnWriteArrayList<>();
            JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(jack.name()), notices::add);
            driver.start();
            sine(server, 480, 0.25f);
            try (JackRecorder rec = new JackRecorder(jack.name(), 48000)) {
                rec.listenTo(driver.portNames().get(0));
                await(() -> rec.frames() == 48000, 10_000, "a second of audio at the recorder");
                float[] s = rec.samples();
                float peak = 0;
                int crossings = 0;
                for (int i = 24000; i < 48000; i++) {
                    peak = Math.max(peak, Math.abs(s[i]));
                    if (s[i - 1] < 0 && s[i] >= 0) crossings++;
                }
                assertEquals(0.25f, peak, 0.01f, "the sine's level at the other client");
                assertEquals(240, crossings, 6, "480 Hz for half a second (a period JACK dropped under load may add a crossing or two)");
            }
            Thread rt = driver.audioThread();
            assertSame(rt, server.audioThread(), "JACK's thread registered itself as the audio thread");
            assertEquals("sonora-rt", rt.getName());
            String line = driver.describe();
            assertTrue(line.startsWith("jack: client 'sonora'") && line.contains("period 128 frames (2 blocks of 64)")
                    && line.contains("system:playback_1") && line.matches(".*output latency \\d+\\.\\d ms.*"), line);
            assertTrue(notices.isEmpty(), notices.toString());
            driver.close();
            server.close();
        }
    }

    @Test
    void anInputPortFeedsItsBusAndOnlyThatOne() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, PERIOD)) {
            Server server = new Server(ServerOptions.defaults());
            server.startNrtThread();
            // two outputs, two inputs: in_1 feeds audio bus 2, in_2 feeds bus 3
            JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(jack.name()).withPorts(2, 2).withConnect(false), s -> { });
            driver.start();
            List<String> ports = driver.portNames();
            assertEquals(List.of("sonora:out_1", "sonora:out_2", "sonora:in_1", "sonora:in_2"), ports);
            // what bus 3 carries goes to the left output, what bus 2 carries to the right
            GraphBuilder b = new GraphBuilder();
            server.addDef(b.build("through", b.unit("pan", b.unit("in", b.constant(3)), b.constant(-1))));
            GraphBuilder c = new GraphBuilder();
            server.addDef(c.build("other", c.unit("pan", c.unit("in", c.constant(2)), c.constant(1))));
            server.synth("through", null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
            server.synth("other", null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
            try (JackSource source = new JackSource(jack.name(), 375, 0.4f, 48000);
                 JackRecorder left = new JackRecorder(jack.name(), 48000);
                 JackRecorder right = new JackRecorder(jack.name(), 48000)) {
                source.feed(ports.get(3));
                left.listenTo(ports.get(0));
                right.listenTo(ports.get(1));
                await(() -> left.frames() == 48000 && right.frames() == 48000, 10_000, "a second of audio at both recorders");
                float[] s = left.samples();
                float peak = 0;
                int crossings = 0;
                for (int i = 24000; i < 48000; i++) {
                    peak = Math.max(peak, Math.abs(s[i]));
                    if (s[i - 1] < 0 && s[i] >= 0) crossings++;
                }
                assertEquals(0.4f, peak, 0.01f, "the source's level, through in_2, bus 3 and out_1");
                assertEquals(187, crossings, 6, "375 Hz for half a second");
                float other = 0;
                for (int i = 24000; i < 48000; i++) other = Math.max(other, Math.abs(right.samples()[i]));
                assertEquals(0f, other, 1e-4f, "in_1 is connected to nothing: bus 2 stays silent");
            }
            driver.close();
            server.close();
        }
    }

    @Test
    void jacksXrunCallbackCountsInStatus() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, PERIOD)) {
            Server server = new Server(ServerOptions.defaults());
            JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(jack.name()).withConnect(false), s -> { });
            driver.start();
            long before = server.status().xruns();
            driver.xrunOnJack(null); // as JACK calls it
            driver.xrunOnJack(null);
            assertEquals(before + 2, server.status().xruns());
            assertTrue(driver.describe().contains("not connected: --no-connect"), driver.describe());
            driver.close();
            server.close();
        }
    }

    @Test
    void aRateOrPeriodSonoraCannotCarryIsRefusedInOneLine() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, PERIOD)) {
            Server at44 = new Server(ServerOptions.defaults().withSampleRate(44100));
            var e = assertThrows(ServerException.class, () -> new JackDriver(at44, JackSettings.defaults().withServer(jack.name()), s -> { }));
            assertEquals("jack: the JACK server runs at 48000 Hz and Sonora at 44100 Hz: start Sonora with --sample-rate 48000", e.getMessage());
            Server bigBlocks = new Server(ServerOptions.defaults().withBlockSize(96));
            e = assertThrows(ServerException.class, () -> new JackDriver(bigBlocks, JackSettings.defaults().withServer(jack.name()), s -> { }));
            if (e.getMessage().startsWith("jack: no JACK server is running")) {
                // seen once on two loaded cores: a --no-realtime dummy server missed the join; once more
                LockSupport.parkNanos(500_000_000L);
                e = assertThrows(ServerException.class, () -> new JackDriver(bigBlocks, JackSettings.defaults().withServer(jack.name()), s -> { }));
            }
            assertTrue(e.getMessage().startsWith("jack: JACK's period of 128 frames is not a whole number of Sonora blocks of 96")
                    && !e.getMessage().contains("\n"), e.getMessage());
            at44.close();
            bigBlocks.close();
        }
    }

    @Test
    void theServersRateIsReadSoAStartWithoutOneCanFollowIt() throws Exception {
        try (JackTestServer jack = JackTestServer.start(44100, PERIOD)) {
            assertEquals(44100, JackDriver.serverRate(jack.name()));
            Server at44 = new Server(ServerOptions.defaults().withSampleRate(JackDriver.serverRate(jack.name())));
            JackDriver driver = new JackDriver(at44, JackSettings.defaults().withServer(jack.name()).withConnect(false), s -> { });
            assertTrue(driver.describe().contains(", 44100 Hz, "), driver.describe());
            driver.close();
            at44.close();
        }
        assertEquals(0, JackDriver.serverRate("sonora-no-such-server"), "no server: 0, and the caller takes its default");
    }

    @Test
    void noServerIsOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(JackDriver.libraryProblem() == null, "JACK tests skipped: " + JackDriver.libraryProblem());
        Server server = new Server(ServerOptions.defaults());
        var e = assertThrows(ServerException.class,
                () -> new JackDriver(server, JackSettings.defaults().withServer("sonora-no-such-server"), s -> { }));
        assertTrue(e.getMessage().startsWith("jack: no JACK server is running as 'sonora-no-such-server'"), e.getMessage());
        server.close();
    }

    @Test
    void whenTheJackTestServerDiesTheSetGoesOnOnAnotherDriver() throws Exception {
        JackTestServer jack = JackTestServer.start(48000, PERIOD);
        Server server = new Server(ServerOptions.defaults());
        server.startNrtThread();
        List<String> said = new CopyOnWriteArrayList<>();
        FallbackDriver driver = new FallbackDriver(new JackDriver(server, JackSettings.defaults().withServer(jack.name()), said::add),
                () -> new NullDriver(server, new DiscardOut(), 512), said::add);
        driver.start();
        NodeRef tone = sine(server, 220, 0.1f);
        await(() -> server.sampleTime() > 48000 / 4, 10_000, "JACK to play a quarter second");
        Thread jackThread = server.audioThread();
        jack.kill();
        await(() -> driver.current() instanceof NullDriver, 10_000, "the switch to the null driver");
        driver.awaitSwitch(5000);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("sonora: the JACK server went away") && said.get(0).contains("playing on null driver")
                && said.get(0).endsWith("nodes and loops go on"), said.get(0));
        long t = server.sampleTime();
        await(() -> server.sampleTime() > t + 48000 / 4, 10_000, "the null driver to go on");
        assertTrue(tone.playing(), "the node survived the switch");
        assertNotSame(jackThread, server.audioThread(), "the null driver's thread is the audio thread now");
        assertEquals("sonora-rt", server.audioThread().getName());
        driver.close();
        server.close();
        jack.close();
    }
}
