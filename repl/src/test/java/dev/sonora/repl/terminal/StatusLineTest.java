package dev.sonora.repl.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.Output;

/**
 * The status line through a terminal emulator: it stays on the bottom row, and neither the
 * line being typed nor output printed above the prompt is garbled while it redraws.
 */
class StatusLineTest {
    /** A feed that changes on every call, so every period redraws. */
    static final class CountingFeed implements StatusFeed {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public StatusText next() {
            int n = calls.incrementAndGet();
            return new StatusText(n % 100, 40, 0.5, n % 2 == 0 ? 1.0 : 0.01, false, n % 2 == 0, 120, 4 * 2 + 1.5, 0, 0, 3);
        }
    }

    static final class Echo implements Evaluator {
        @Override
        public String eval(String line) {
            return "=> " + line;
        }

        @Override
        public void interrupt() {
        }

        @Override
        public List<String> completionNames() {
            return List.of();
        }

        @Override
        public java.util.Collection<String> defNames() {
            return List.of();
        }
    }

    @Test
    void theStatusLineStaysAtTheBottomAndGarblesNothing() throws Exception {
        try (VirtualScreen vs = new VirtualScreen(100, 16)) {
            CountingFeed feed = new CountingFeed();
            AtomicReference<Output> above = new AtomicReference<>();
            Repl repl = new Repl(vs.terminal, new Echo(), null, above::set).withStatus(feed);
            AtomicInteger code = new AtomicInteger(-1);
            Thread t = new Thread(() -> code.set(repl.run()), "repl");
            t.start();
            assertTrue(vs.await("sonora> ", 5000), String.join("\n", vs.lines()));
            assertTrue(vs.await("CPU", 5000), "the status line shows: " + String.join("\n", vs.lines()));
            long t0 = System.nanoTime();
            // output from another thread (callbacks) scrolls above while the user types slowly
            Thread printer = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    above.get().out("callback line " + i + " " + "x".repeat(30));
                    sleep(15);
                }
            });
            printer.start();
            String typed = "status().cpu + 12345";
            for (char c : typed.toCharArray()) {
                vs.type(String.valueOf(c));
                Thread.sleep(25);
            }
            printer.join();
            Thread.sleep(300); // a few more redraws with the half-typed line on screen
            assertTrue(vs.await("sonora> " + typed, 3000), String.join("\n", vs.lines()));
            String[] screen = vs.lines();
            if (System.getenv("SHOW_SCREEN") != null) System.out.println(String.join("\n", screen));
            String bottom = screen[vs.rows - 1];
            assertTrue(bottom.startsWith("CPU "), "the bottom row is the status line: " + Arrays.toString(screen));
            assertTrue(bottom.contains("120 bpm 3.2") && bottom.contains("clipped 3"), bottom);
            // the prompt line holds exactly what was typed, and nothing else
            String prompt = find(screen, "sonora> ");
            assertEquals("sonora> " + typed, prompt.strip());
            // every callback line on screen is whole and alone on its row, in order
            List<Integer> seen = new ArrayList<>();
            for (String row : screen) {
                if (row.contains("callback")) {
                    assertTrue(row.strip().matches("callback line \\d+ x{30}"), "garbled: '" + row + "'");
                    seen.add(Integer.parseInt(row.strip().split(" ")[2]));
                }
                if (row != bottom) assertTrue(!row.contains("CPU"), "the status only on the bottom row: " + row);
            }
            assertTrue(seen.contains(39), "the last callback line is on screen: " + seen);
            for (int i = 1; i < seen.size(); i++) assertEquals(seen.get(i - 1) + 1, seen.get(i), "in order: " + seen);
            long redraws = repl.statusRedraws();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(redraws >= 3, "it redraws: " + redraws);
            // a cap, not a speed: a slow machine only redraws less
            assertTrue(redraws <= Math.ceil(seconds * StatusLine.PER_SECOND) + 3, redraws + " redraws in " + seconds + " s");
            vs.type("\r");
            assertTrue(vs.await("=> " + typed, 3000), String.join("\n", vs.lines()));
            vs.type("\u0004"); // Ctrl-D
            t.join(5000);
            assertEquals(0, code.get());
            Thread.sleep(200);
            String[] after = vs.lines();
            assertTrue(Arrays.stream(after).noneMatch(r -> r.contains("CPU")), "the status line goes away on exit: " + Arrays.toString(after));
        }
    }

    @Test
    void aWholeLineTypedAtOnceThenOutputAboveStaysWhole() throws Exception {
        try (VirtualScreen vs = new VirtualScreen(100, 12)) {
            AtomicReference<Output> above = new AtomicReference<>();
            Repl repl = new Repl(vs.terminal, new Echo(), null, above::set).withStatus(new CountingFeed());
            Thread t = new Thread(repl::run, "repl");
            t.start();
            assertTrue(vs.await("CPU", 5000), String.join("\n", vs.lines()));
            above.get().out("sonora: ready in 3.0 s");
            Thread.sleep(300);
            String typed = "play(() => sine(440).mul(0.5)); tempo(90)";
            vs.type(typed);
            Thread.sleep(300);
            above.get().out("samples: 5 files loaded");
            Thread.sleep(300);
            String[] screen = vs.lines();
            assertEquals("sonora> " + typed, find(screen, "sonora> ").strip(), Arrays.toString(screen));
            vs.type("\r");
            assertTrue(vs.await("=> " + typed, 3000), String.join("\n", vs.lines()));
            vs.type("\u0004");
            t.join(5000);
        }
    }

    private static String find(String[] screen, String prefix) {
        for (String r : screen) if (r.startsWith(prefix)) return r;
        throw new AssertionError("no row starts with '" + prefix + "': " + Arrays.toString(screen));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
