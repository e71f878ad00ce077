package dev.sonora.repl.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.Await;
import dev.sonora.repl.LiveHost;
import dev.sonora.server.driver.MemoryOut;

/**
 * OSC from scripts against programs nobody here wrote: liblo's {@code oscsend} drives a script's
 * handlers and a direct mapping, and liblo's {@code oscdump} reads what a script sends, bundles
 * with their time tags included. Each is skipped with one line when the program is absent.
 */
class OscScriptOutsideProgramsTest {
    static LiveHost live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveHost(new MemoryOut(48000), 256);
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    static boolean has(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": no exit in 10 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }

    static String eval(String code) throws Exception {
        return live.eval(code, "outside.js");
    }

    static void await(BooleanSupplier condition, String what) throws Exception {
        Await.until(condition, what);
    }

    static String evalQuiet(String code) {
        try {
            return eval(code);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void oscsendReachesTheHandlersAndTheMapping() throws Exception {
        assumeTrue(has("oscsend"), "oscsend not installed (Debian: liblo-tools): skipped");
        int port = Integer.parseInt(eval("osc.listen(0)"));
        eval("var heard = []; osc.on('/pad/{x,y}', (args, from, address) => heard.push(address + ' ' + JSON.stringify(args)))");
        eval("var level = bus.control(); osc.on('/fader/[0-9]').to(level, -10, 10)");
        int index = Integer.parseInt(eval("level.index"));
        run("oscsend", "localhost", String.valueOf(port), "/pad/x", "ifsTF", "3", "0.25", "hi");
        run("oscsend", "localhost", String.valueOf(port), "/pad/z", "i", "1"); // no handler
        run("oscsend", "localhost", String.valueOf(port), "/pad/y", "d", "1.5");
        run("oscsend", "localhost", String.valueOf(port), "/fader/7", "f", "0.75");
        await(() -> evalQuiet("heard.length").equals("2"), "two messages, got " + evalQuiet("heard"));
        assertEquals("'/pad/x [3,0.25,\"hi\",true,false]|/pad/y [1.5]'", eval("heard.join('|')"));
        float[] buses = live.server.engine().world().controlBuses;
        await(() -> buses[index] == 5f, "the mapped bus at 5, is " + buses[index]);
        eval("osc.off(); osc.unlisten()");
        assertEquals(List.of(), List.copyOf(live.errors));
    }

    @Test
    void oscdumpReadsWhatAScriptSendsAndTheBundlesTimeTag() throws Exception {
        assumeTrue(has("oscdump"), "oscdump not installed (Debian: liblo-tools): skipped");
        int dumpPort;
        try (DatagramSocket probe = new DatagramSocket()) {
            dumpPort = probe.getLocalPort();
        }
        Path out = Files.createTempFile("oscdump", ".txt");
        Process dump = new ProcessBuilder("oscdump", "-L", String.valueOf(dumpPort)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            Thread.sleep(300);
            eval("osc.send('localhost', " + dumpPort + ", '/hello', 1, 2.5, 'text', true, osc.float(4), new Uint8Array([1, 2, 3]))");
            eval("tempo(120); at(0, () => osc.send('localhost', " + dumpPort + ", osc.bundle(1, [['/in/a/beat', 60]])))");
            await(() -> {
                try {
                    return Files.readString(out).lines().count() >= 2;
                } catch (IOException e) {
                    return false;
                }
            }, "two lines from oscdump");
        } finally {
            dump.destroy();
            dump.waitFor(5, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readString(out).lines().toList();
        Files.delete(out);
        String hello = lines.stream().filter(l -> l.contains("/hello")).findFirst().orElseThrow();
        assertTrue(hello.matches("[0-9a-f]{8}\\.[0-9a-f]{8} /hello ifsTfb 1 2\\.500000 \"text\" #T 4\\.000000 \\[3 byte blob\\].*")
                || hello.contains("/hello ifsTfb 1 2.500000 \"text\" #T 4.000000"), hello);
        String beat = lines.stream().filter(l -> l.contains("/in/a/beat")).findFirst().orElseThrow();
        assertTrue(beat.matches("[0-9a-f]{8}\\.[0-9a-f]{8} /in/a/beat i 60"), beat);
        // oscdump prints the bundle's time tag: a beat (0.5 s) past the at() event, which is the latency (0.1 s) ahead of now
        long tag = Long.parseUnsignedLong(beat.substring(0, 8) + beat.substring(9, 17), 16);
        double ahead = (OscScriptTest.unixNanos(tag) - OscScriptTest.wallNanos()) / 1e9;
        assertTrue(ahead > -1 && ahead < 1, "the stamp is about now plus 0.6 s, not some other time: " + ahead);
        assertEquals(List.of(), List.copyOf(live.errors));
    }
}
