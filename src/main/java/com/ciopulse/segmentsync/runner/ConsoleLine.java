package com.ciopulse.segmentsync.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * The last line of the console (stderr) when it is a terminal: the progress bars of the running batches, side by
 * side, redrawn in place. A log line goes above them: the bars are wiped, the line printed, the bars drawn again,
 * so neither tears the other. When stderr is no terminal (a pipe, a file, cron, CI) there is none, and the log's
 * periodic progress lines stand in for it.
 */
public final class ConsoleLine {

    private static final String BETWEEN_BARS = " | ";
    private static final int DEFAULT_WIDTH = 80;
    private static volatile ConsoleLine live;

    private final PrintStream err;
    private final int width;
    /** The library's one console line: a carriage return, then the text. */
    private final ConsoleProgressBarConsumer line;
    /** The text of each running batch's bar, in the order they started; guarded by this. */
    private final Map<Bar, String> bars = new LinkedHashMap<>();
    private boolean drawn;

    ConsoleLine(PrintStream err, int width) {
        this.err = err;
        // the last column left free: a terminal wraps a line that fills it
        this.width = width - 1;
        this.line = new ConsoleProgressBarConsumer(err, this.width);
    }

    /**
     * A console line for {@code err} when the process's stderr is a terminal (as JLine tells from the terminal
     * itself), else null.
     */
    static ConsoleLine onTerminal(PrintStream err) {
        try {
            TerminalProvider terminal = TerminalProvider.load("exec");
            if (!terminal.isSystemStream(SystemStream.Error)) {
                return null;
            }
            int columns = terminal.systemStreamWidth(SystemStream.Error);
            return new ConsoleLine(err, columns > 10 ? columns : DEFAULT_WIDTH);
        } catch (IOException | RuntimeException | LinkageError e) {
            return null; // no way to tell: the periodic progress lines are right anywhere
        }
    }

    /** Makes {@code console} the one the log prints above (null: the log prints to stderr as it is). */
    static void install(ConsoleLine console) {
        live = console;
    }

    /** The console line shown on this process's terminal, or null when there is none. */
    public static ConsoleLine live() {
        return live;
    }

    /** Prints log output above the bars. */
    public synchronized void printAbove(byte[] bytes, int offset, int length) {
        if (drawn) {
            wipe();
        }
        err.write(bytes, offset, length);
        if (!bars.isEmpty()) {
            draw();
        }
        err.flush();
    }

    /** Takes any bar still shown off the line, e.g. of a batch a stop cut short, before the report is printed. */
    public synchronized void clear() {
        bars.clear();
        if (drawn) {
            wipe();
        }
        err.flush();
    }

    /** The consumer of one progress bar's text: its share of the line, drawn beside the others. */
    ProgressBarConsumer newBar() {
        return new Bar();
    }

    private final class Bar implements ProgressBarConsumer {

        /** Guarded by the console line: a text the library renders after the bar was closed is not drawn. */
        private boolean closed;

        @Override
        public int getMaxRenderedLength() {
            synchronized (ConsoleLine.this) {
                int count = Math.max(1, bars.size());
                return Math.max(10, (width - BETWEEN_BARS.length() * (count - 1)) / count);
            }
        }

        @Override
        public void accept(String rendered) {
            synchronized (ConsoleLine.this) {
                if (!closed) {
                    bars.put(this, rendered);
                    draw();
                    err.flush();
                }
            }
        }

        @Override
        public void clear() {
            // the line is wiped as a whole when its last bar goes
        }

        @Override
        public void close() {
            synchronized (ConsoleLine.this) {
                closed = true;
                if (bars.remove(this) != null) {
                    if (bars.isEmpty()) {
                        wipe();
                    } else {
                        draw();
                    }
                    err.flush();
                }
            }
        }
    }

    private void draw() {
        String text = String.join(BETWEEN_BARS, bars.values());
        // as wide as the line, so that nothing of a longer text drawn before stays behind
        line.accept(text.length() < width ? text + " ".repeat(width - text.length()) : text);
        drawn = true;
    }

    /** Blanks the line and leaves the cursor at its start. */
    private void wipe() {
        line.accept(" ".repeat(width));
        line.accept("");
        drawn = false;
    }
}
