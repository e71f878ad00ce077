/**
 * An OSC server that speaks scsynth's command set ({@code --osc PORT}, UDP and TCP on one port),
 * so SuperCollider's clients (sclang's {@code Server.remote}, and anything else that speaks the
 * scsynth protocol) can play synths defined in JavaScript. {@link dev.sonora.server.osc.OscCodec}
 * encodes and decodes OSC 1.0; {@link dev.sonora.server.osc.OscServer} owns the sockets and the
 * receive threads; {@code ScsynthCommands} maps each command onto the {@link dev.sonora.server.Server}
 * façade; {@code OscTime} turns NTP time tags into sample times. The commands the audio thread
 * performs for it (queries, buses, deep free) are in {@code osc.rt}.
 *
 * <p>Thread rule: receive threads ({@code sonora-osc-udp}, {@code sonora-osc-tcp-N}) decode and
 * call the façade, one message at a time under {@code ScsynthCommands}' lock; replies are sent
 * from those threads or from NRT. The audio thread never touches a socket: it only performs the
 * commands built here. A bad packet is one counted drop or one {@code /fail}, never an exception
 * out of a receive thread.
 */
package dev.sonora.server.osc;
