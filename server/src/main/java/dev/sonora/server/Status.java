package dev.sonora.server;

/**
 * A snapshot of the server for {@code status()}. Any thread.
 *
 * @param cpu          last block's render time over its duration, in percent
 * @param peakCpu      largest block load since the last status (or since the server was warm), percent
 * @param peak         largest absolute output sample since the last status
 * @param rtAllocBytes bytes the audio thread allocated since warm-up (must stay 0)
 */
public record Status(double cpu, double peakCpu, double peak, int nodes, int synths, long late, long xruns,
                     long rtAllocBytes, long nanFixed, long clipped, long rtErrors, long sampleTime) {
}
