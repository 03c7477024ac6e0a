package io.leadscore.app.cli;

import io.leadscore.batch.store.JobProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on stderr, one line redrawn in place at most five
 * times a second, with a rate. Silent when stderr is not a terminal or with
 * {@code --quiet}, so logs and pipes stay clean.
 */
public final class TerminalProgress implements JobProgress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private String task;
    private long taskStart;
    private long lastDraw;
    private int lastWidth;

    public TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A renderer when progress should show, or {@link JobProgress#SILENT}. */
    public static JobProgress forTerminal(boolean quiet) {
        return quiet || System.console() == null ? JobProgress.SILENT : new TerminalProgress(System.err);
    }

    @Override
    public synchronized void report(String task, long done, long total) {
        long now = System.nanoTime();
        if (!task.equals(this.task)) {
            if (this.task != null) {
                err.println();
            }
            this.task = task;
            this.taskStart = now;
            this.lastDraw = 0;
        }
        if (now - lastDraw < REDRAW_NANOS && done != total) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - taskStart) / 1e9);
        StringBuilder line = new StringBuilder("  ").append(task).append("  ");
        line.append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " / %,d (%d%%)", total, Math.min(100, done * 100 / total)));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f/s", done / seconds));
        String text = line.toString();
        int pad = Math.max(0, lastWidth - text.length());
        err.print("\r" + text + " ".repeat(pad));
        err.flush();
        lastWidth = text.length();
    }

    @Override
    public synchronized void finished(String task) {
        if (task.equals(this.task)) {
            err.println();
            err.flush();
            this.task = null;
            lastWidth = 0;
        }
    }
}
