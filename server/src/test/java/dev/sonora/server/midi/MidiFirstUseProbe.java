package dev.sonora.server.midi;

import java.nio.file.Path;
import java.util.List;

import javax.sound.midi.ShortMessage;

import dev.sonora.server.Rig;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.midi.file.SmfPlayer;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.synth.GraphBuilder;

/**
 * Child-process half of {@link MidiFirstUseTest}: in a fresh JVM, boots a server, then uses
 * every MIDI path the audio thread takes part in for the first time (hook installed, inputs
 * wired, mappings set, applied, removed, a file played) and prints what the audio thread
 * allocated meanwhile.
 */
public final class MidiFirstUseProbe {
    private static long last;
    private static final StringBuilder STEPS = new StringBuilder();

    private MidiFirstUseProbe() {
    }

    private static void step(Thread rt, String name) {
        long now = Server.allocatedBytes(rt);
        if (now != last) STEPS.append(" step").append(name).append('=').append(now - last);
        last = now;
    }

    public static void main(String[] args) throws Exception {
        Rig rig = new Rig(ServerOptions.defaults(), 64);
        Server s = rig.server;
        // the driver's own hand-over loop gets compiled first (a compilation the audio thread
        // triggers can allocate on it; that is the JVM's, not the first use measured here)
        for (int i = 0; i < 400; i++) rig.blocks(1);
        Thread rt = rig.driver.audioThread();
        long before = Server.allocatedBytes(rt);
        last = before;
        FakeMidiDevice knobs = new FakeMidiDevice("Knobs", -1);
        MidiHub hub = new MidiHub(s, () -> List.of(knobs));
        rig.blocks(2); step(rt, "1");
        GraphBuilder b = new GraphBuilder();
        s.addDef(b.build("busdc", b.unit("ink", b.constant(3))));
        rig.play("busdc");
        hub.open("all");
        rig.blocks(2); step(rt, "2");
        hub.mapCc(1, -1, 3, 0f, 1f);
        hub.mapCc(2, 4, 3, 0f, 1f);
        rig.blocks(1); step(rt, "3");
        knobs.play(new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 1, 100));
        knobs.play(new ShortMessage(ShortMessage.CONTROL_CHANGE, 4, 2, 100));
        knobs.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
        rig.blocks(2); step(rt, "4");
        hub.unmapCc(1, -1, -1);
        rig.blocks(2); step(rt, "5");
        Path folder = MidiTestData.folder();
        if (folder != null) {
            SmfPlayer p = hub.playOffline(folder.resolve("test-control-40-damper.mid"), s.sampleTime());
            MidiMessage m = new MidiMessage();
            // the whole file in 20 steps of 10 blocks: a few hundred blocks in all, because this
            // JVM's sonora-rt shows a one-off 64 B allocation after ~1,200 blocks with or without
            // MIDI (a JIT event in the engine/driver loop, reported to the lead), not ours to measure
            for (int i = 0; i < 20; i++) {
                p.pumpUntil(s.sampleTime() + (long) s.sampleRate() * (i + 1) / 2);
                while (hub.poll(m)) { }
                rig.blocks(10); step(rt, "6." + i);
            }
        }
        hub.close();
        rig.blocks(2); step(rt, "7");
        System.out.println("first-use allocation on sonora-rt: " + (Server.allocatedBytes(rt) - before) + " B, applied "
                + hub.mapper().applied() + STEPS);
        rig.close();
    }
}
