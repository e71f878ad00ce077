package dev.sonora.server.midi.rt;

import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

/**
 * Gives a {@link CcMapper} a new set of inputs (swap): the array is built on the sender; the
 * old one comes back inside this command and is simply dropped on NRT.
 */
public final class SetMidiSources extends Command {
    private final CcMapper mapper;
    private MidiConsumer[] sources;

    public SetMidiSources(CcMapper mapper, MidiConsumer[] sources) {
        super(NOW);
        this.mapper = mapper;
        this.sources = sources;
    }

    @Override
    protected void performOnRt(World world) {
        MidiConsumer[] old = mapper.sources;
        mapper.sources = sources;
        sources = old; // carried back to NRT: nothing is freed on the audio thread
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        sources = null;
    }
}
