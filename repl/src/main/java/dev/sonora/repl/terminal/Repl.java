package dev.sonora.repl.terminal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.function.Consumer;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.UserError;

/**
 * The terminal REPL: reads entries with JLine (multi-line, history, completion), evaluates
 * each on the Lang loop, prints the result or the one-line error. Ctrl-C stops a running
 * evaluation (or clears the line at the prompt); Ctrl-D ends {@link #run}. Output from
 * elsewhere (callbacks, reloads) is printed above the prompt. Runs on the Input thread.
 */
public final class Repl {
    public static final String PROMPT = "sonora> ";
    private static final String CONTINUE_PROMPT = "   ...> ";

    private final Terminal terminal;
    private final Evaluator evaluator;
    private final Path historyFile;
    private final Consumer<Output> installOutput;
    private Runnable firstResult = () -> { };
    private StatusFeed statusFeed; // null: no status line
    private SonoraLineReader reader;
    private volatile StatusLine statusLine;

    /**
     * @param installOutput receives the output that prints above the prompt, to route every
     *                      other printer through it while the REPL runs
     */
    public Repl(Terminal terminal, Evaluator evaluator, Path historyFile, Consumer<Output> installOutput) {
        this.terminal = terminal;
        this.evaluator = evaluator;
        this.historyFile = historyFile;
        this.installOutput = installOutput;
    }

    /** Called once, after the first entry has been evaluated (start-up timing). */
    public void onFirstResult(Runnable r) {
        this.firstResult = r;
    }

    /** Shows a live status line at the bottom, fed by {@code feed} (call before {@link #run}; a real terminal only). */
    public Repl withStatus(StatusFeed feed) {
        this.statusFeed = feed;
        return this;
    }

    /** Redraws of the status line so far, or -1 without one (tests). Any thread. */
    public long statusRedraws() {
        StatusLine l = statusLine;
        return l == null ? -1 : l.redraws();
    }

    /**
     * Builds the line reader (JLine's classes load and its history is read: a few hundred
     * milliseconds at start-up) without reading yet, so a caller can do it while the JS context
     * starts rather than after. {@link #run} calls it if the caller did not. Input thread.
     */
    public Repl prepare() {
        if (reader != null) return this;
        SonoraLineReader r = new SonoraLineReader(terminal, "sonora", new HashMap<>());
        r.setHistory(new DefaultHistory());
        r.setParser(new JsLineParser());
        r.setCompleter(new JsCompleter(evaluator::completionNames, evaluator::defNames));
        r.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUE_PROMPT);
        r.setVariable(LineReader.HISTORY_SIZE, 5000);
        r.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // '!' is JS, not history
        r.option(LineReader.Option.INSERT_TAB, false);
        String unusable = historyFile == null ? null : HistoryFile.whyUnusable(historyFile);
        if (unusable != null) {
            // JLine would throw on its first read and end the session: start without history instead
            terminal.writer().println(red("history: " + unusable + "; this session keeps no history (the file is left as it is)"));
            terminal.flush();
        } else if (historyFile != null) {
            r.setVariable(LineReader.HISTORY_FILE, historyFile);
        }
        this.reader = r;
        return this;
    }

    /** Runs until Ctrl-D (end of input). Returns the exit code. */
    public int run() {
        prepare();
        SonoraLineReader reader = this.reader;
        installOutput.accept(new Output() {
            @Override
            public void out(String text) {
                reader.printAbove(text);
            }

            @Override
            public void err(String text) {
                reader.printAbove(red(text));
            }
        });
        terminal.handle(Terminal.Signal.INT, signal -> evaluator.interrupt());
        StatusLine line = statusFeed == null ? null : new StatusLine(reader, statusFeed);
        if (line != null) {
            statusLine = line;
            line.start();
        }
        try {
            return readAll(reader);
        } finally {
            if (line != null) line.close();
        }
    }

    private int readAll(LineReader reader) {
        boolean first = true;
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, nothing else happens
            } catch (EndOfFileException e) {
                break;
            }
            if (line.isBlank()) continue;
            try {
                String result = evaluator.eval(line);
                if (result != null) println(result);
            } catch (UserError e) {
                println(red(e.interrupted() ? "interrupted (the music plays on)" : e.getMessage()));
            }
            if (first) {
                first = false;
                firstResult.run();
            }
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            println("could not save history to " + historyFile + ": " + e.getMessage());
        }
        return 0;
    }

    private void println(String s) {
        // under the reader's lock: the status line's thread draws under it too
        reader.underLock(() -> {
            terminal.writer().println(s);
            terminal.flush();
        });
    }

    private String red(String s) {
        return new AttributedStringBuilder().style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                .append(s).toAnsi(terminal);
    }
}
