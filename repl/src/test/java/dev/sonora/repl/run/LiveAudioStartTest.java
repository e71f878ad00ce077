package dev.sonora.repl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.Output;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.driver.JackSettings;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * The live start order: the driver opens at once, but warms the kernels and starts only once
 * its gate (the JS context) is ready, so the first REPL line does not share the cores with the
 * warm-up; what was sent meanwhile plays at the first block; an exit before then starts nothing.
 */
class LiveAudioStartTest {
    private static Server serverWithTone() {
        Server server = new Server(ServerOptions.defaults());
        GraphBuilder b = new GraphBuilder();
        // a short blip that ends (and frees itself) by its envelope: its end shows it was played
        server.addDef(b.build("tone", b.unit("mul", b.unit("sine", b.control("freq", 440)),
                b.unit("perc", b.constant(0.0005), b.constant(0.001)))));
        return server;
    }

    @Test
    void theAudioStartsAfterItsGateAndPlaysWhatWasSentBefore() throws Exception {
        Server server = serverWithTone();
        LiveAudio audio = LiveAudio.open(server, "null", null, 0, JackSettings.defaults(), Output.of(System.out, System.err));
        try {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            CountDownLatch told = new CountDownLatch(1);
            audio.warmThenStart(gate, told::countDown);
            // sent while the JS context would still be starting: queued, not lost
            NodeRef n = server.synth("tone", null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
            // longer than the warm-up takes on its own: a start that ignored the gate shows here
            for (int i = 0; i < 50; i++) {
                assertFalse(audio.started().isDone(), "the driver started before its gate opened");
                Thread.sleep(100);
            }
            assertEquals(0, server.sampleTime(), "no block ran before the gate opened");
            assertNull(server.audioThread());
            assertTrue(n.playing(), "nothing has played it yet");
            gate.complete(null);
            audio.started().get(120, TimeUnit.SECONDS);
            assertTrue(told.await(10, TimeUnit.SECONDS), "onStart ran");
            for (int i = 0; i < 1000 && n.playing(); i++) Thread.sleep(10);
            assertTrue(server.sampleTime() > 0, "blocks run once started");
            assertFalse(n.playing(), "the synth sent before the start played, and ended by its envelope");
        } finally {
            audio.close();
        }
    }

    @Test
    void aGateThatFailedStillStartsTheAudio() throws Exception {
        Server server = serverWithTone();
        LiveAudio audio = LiveAudio.open(server, "null", null, 0, JackSettings.defaults(), Output.of(System.out, System.err));
        try {
            audio.warmThenStart(CompletableFuture.failedFuture(new IllegalStateException("the prelude failed")), () -> { });
            audio.started().get(120, TimeUnit.SECONDS);
        } finally {
            audio.close();
        }
    }

    @Test
    void closedDuringTheWarmUpTheDriverNeverStarts() throws Exception {
        Server server = serverWithTone();
        LiveAudio audio = LiveAudio.open(server, "null", null, 0, JackSettings.defaults(), Output.of(System.out, System.err));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch told = new CountDownLatch(1);
        audio.warmThenStart(gate, told::countDown);
        audio.close();
        gate.complete(null);
        assertFalse(told.await(20, TimeUnit.SECONDS), "the driver started after close");
        assertFalse(audio.started().isDone());
        assertNull(server.audioThread(), "no audio thread ever ran");
    }
}
