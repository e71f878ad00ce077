/**
 * The OSC server's commands as the audio thread performs them: node and tree queries, control
 * bus writes and reads, and the deep free of a group. Each is built on the OSC receive thread
 * with every array it will fill, performed on the audio thread (bounded work: at most the node
 * table or the buses named; no allocation, no lock, no I/O, never throws), and completed on NRT,
 * where its callback sends the reply.
 *
 * <p>Thread rule: {@code performOnRt} runs on the audio thread only; constructors on the sender;
 * callbacks ({@code completeOnNrt}) on NRT. {@link dev.sonora.server.osc.rt.OscRtWarm} performs
 * each once on a scratch world at start-up, so no first link happens on the audio thread.
 */
package dev.sonora.server.osc.rt;
