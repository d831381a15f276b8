package io.clarion.demo;

import java.io.PrintStream;

/** A one-line progress bar on standard error, redrawn at most a few times a second. */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long totalDone;
    private String lastTable = "";
    private long lastTableDone;

    public ConsoleProgress() {
        this(System.err);
    }

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void table(String name, long rowsDone, long rowsEstimate) {
        if (!name.equals(lastTable)) {
            lastTable = name;
            lastTableDone = 0;
        }
        totalDone += rowsDone - lastTableDone;
        lastTableDone = rowsDone;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && rowsDone < rowsEstimate) return;
        lastDraw = now;
        double pct = rowsEstimate <= 0 ? 100 : Math.min(100, 100.0 * rowsDone / rowsEstimate);
        int filled = (int) (pct / 5);
        double secs = Math.max(0.001, (now - start) / 1e9);
        out.printf("\r  %-16s [%s%s] %5.1f%%  %,d rows/s   ", name, "#".repeat(filled), ".".repeat(20 - filled), pct,
                (long) (totalDone / secs));
        out.flush();
    }

    @Override
    public synchronized void begin(String message) {
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void done(String summary) {
        out.print("\r" + " ".repeat(78) + "\r");
        out.println(summary);
        out.flush();
    }
}
