package io.clarion.demo;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on standard error. On a terminal, a one-line bar per table, redrawn at most five
 * times a second, that reaches 100% only when the table is written (its row estimate may be
 * short), each finished table left as a line. Off a terminal (a pipe, a log file), plain lines
 * only: every tenth of a large table and each finished table, never carriage returns.
 */
public final class ConsoleProgress implements Progress {
    /** Tables smaller than this get just their finished line off a terminal. */
    static final long LARGE = 100_000;
    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long totalDone;
    private String table = "";
    private long tableStart;
    private long tableDone;
    private int decile;
    private boolean barShown;

    public ConsoleProgress() {
        this(System.err, System.console() != null);
    }

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(new PrintWriter(out, true), terminal);
    }

    public ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void table(String name, long rowsDone, long rowsEstimate) {
        long now = System.nanoTime();
        if (!name.equals(table)) {
            table = name;
            tableStart = now;
            tableDone = 0;
            decile = 0;
        }
        totalDone += rowsDone - tableDone;
        tableDone = rowsDone;
        // Short of the estimate until the table is done: the estimate may be low, the work is not over.
        double pct = rowsEstimate <= 0 ? 0 : Math.min(99.0, 100.0 * rowsDone / rowsEstimate);
        if (!terminal) {
            int d = (int) (pct / 10);
            if (rowsEstimate >= LARGE && d > decile) {
                decile = d;
                out.printf(Locale.ROOT, "  %s: %d%% (%,d rows)%n", name, d * 10, rowsDone);
                out.flush();
            }
            return;
        }
        if (now - lastDraw < 200_000_000L) return;
        lastDraw = now;
        draw(name, pct, now);
    }

    @Override
    public synchronized void tableDone(String name, long rows) {
        long now = System.nanoTime();
        if (!name.equals(table)) {
            tableStart = now;
            tableDone = 0;
        }
        totalDone += rows - tableDone;
        table = "";
        if (terminal) {
            draw(name, 100, now);
            out.println();
            barShown = false;
        }
        out.printf(Locale.ROOT, terminal ? "" : "  %s: %,d rows in %.1f s%n", name, rows, (now - tableStart) / 1e9);
        out.flush();
    }

    private void draw(String name, double pct, long now) {
        int filled = (int) (pct / 5);
        double secs = Math.max(0.001, (now - start) / 1e9);
        out.printf(Locale.ROOT, "\r  %-16s [%s%s] %5.1f%%  %,d rows/s   ", name, "#".repeat(filled), ".".repeat(20 - filled), pct,
                (long) (totalDone / secs));
        out.flush();
        barShown = true;
    }

    private void clearBar() {
        if (barShown) out.print("\r" + " ".repeat(78) + "\r");
        barShown = false;
    }

    @Override
    public synchronized void begin(String message) {
        clearBar();
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void done(String summary) {
        clearBar();
        out.println(summary);
        out.flush();
    }
}
