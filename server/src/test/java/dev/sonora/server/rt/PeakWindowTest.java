package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** status()'s peak load covers the time since its last call; each reader has its own window (issue 15). */
class PeakWindowTest {
    @Test
    void eachReaderSeesThePeakSinceItsOwnLastCall() {
        RtStats s = new RtStats();
        s.publish(64, 2.7f, 0); // a start-up spike
        s.publish(128, 0.1f, 0);
        assertEquals(2.7f, s.takePeakLoad(RtStats.STATUS_READER));
        s.publish(192, 0.1f, 0);
        assertEquals(0.1f, s.takePeakLoad(RtStats.STATUS_READER), "the spike was before the last call");
        assertEquals(2.7f, s.takePeakLoad(RtStats.STATUS_LINE_READER), "the status line's window is its own");
        assertEquals(2.7f, s.peakLoad(), "a render's summary: since the last reset");
        assertEquals(0f, s.takePeakLoad(RtStats.STATUS_READER), "nothing since");
    }

    @Test
    void aResetForgetsTheBootForEveryReader() {
        RtStats s = new RtStats();
        s.publish(64, 2.7f, 0);
        s.resetPeakLoad();
        s.publish(128, 0.05f, 0);
        assertEquals(0.05f, s.takePeakLoad(RtStats.STATUS_READER));
        assertEquals(0.05f, s.takePeakLoad(RtStats.STATUS_LINE_READER));
        assertEquals(0.05f, s.peakLoad());
    }
}
