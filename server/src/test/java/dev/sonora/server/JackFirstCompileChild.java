package dev.sonora.server;

import dev.sonora.server.driver.JackDriver;
import dev.sonora.server.driver.JackSettings;

/**
 * The child JVM of {@link JackFirstCompileTest}: the live start's order (kernel warm-up on this
 * thread, then JACK), the allocation proof's note load for one second, then counting for
 * {@code seconds} while the JIT, run with low thresholds, compiles the driver's callback at the
 * request of JACK's thread. Args: JACK server name, seconds. Prints {@code rt-alloc N}.
 */
public final class JackFirstCompileChild {
    private JackFirstCompileChild() {
    }

    public static void main(String[] args) {
        Warmup.run(ServerOptions.defaults(), 400, true);
        Server server = new Server(ServerOptions.defaults());
        server.startNrtThread();
        JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(args[0]).withConnect(false), s -> { });
        driver.start();
        Load load = Load.live(server);
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) load.step();
        server.markWarm();
        end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        while (System.nanoTime() < end) load.step();
        System.out.println("rt-alloc " + server.status().rtAllocBytes() + " after " + load.notesStarted + " notes");
        driver.close();
        server.close();
        System.exit(0); // JNA's and JACK's threads
    }
}
