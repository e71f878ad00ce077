package dev.sonora.server.driver;

import java.util.concurrent.locks.LockSupport;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * Child-process half of {@link JavaSoundDriverTest}: plays a DC level through the javasound
 * driver (ALSA pointed at a file by the parent), then prints what it saw.
 * Usage: JavaSoundSmoke BITS BLOCKS
 */
public final class JavaSoundSmoke {
    private JavaSoundSmoke() {
    }

    public static void main(String[] args) {
        int bits = Integer.parseInt(args[0]);
        long blocks = Long.parseLong(args[1]);
        Server server = new Server(ServerOptions.defaults());
        GraphBuilder b = new GraphBuilder();
        server.addDef(b.build("dc", b.unit("mul", b.control("amp", 0.25), b.constant(1))));
        server.synth("dc", null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
        JavaSoundDriver driver = new JavaSoundDriver(server, null, 1024, bits, null);
        server.startNrtThread();
        driver.start();
        while (server.stats().blocks < blocks / 2) LockSupport.parkNanos(1_000_000);
        server.markWarm();
        while (server.stats().blocks < blocks) LockSupport.parkNanos(1_000_000);
        long alloc = server.rtAllocatedBytes();
        System.out.println("thread=" + driver.audioThread().getName() + " blocks=" + server.stats().blocks
                + " rtAlloc=" + alloc + " describe=" + driver.describe());
        driver.close();
        server.close();
    }
}
