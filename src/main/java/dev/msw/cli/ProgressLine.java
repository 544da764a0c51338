package dev.msw.cli;

import dev.msw.core.ProgressListener;
import dev.msw.core.Sizes;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display on stderr: done/total, percent, rate and time left, redrawn in place on a
 * terminal and printed at most every few seconds otherwise (logs stay readable).
 */
public final class ProgressLine implements ProgressListener {
    private final PrintWriter err;
    private final boolean bytes;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    public ProgressLine(PrintWriter err, boolean bytes) {
        this.err = err;
        this.bytes = bytes;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        long now = System.nanoTime();
        long interval = terminal ? 100_000_000L : 5_000_000_000L;
        boolean finished = total >= 0 && done >= total;
        if (!finished && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        String line = render(done, total, message, (now - start) / 1e9);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
    }

    /** Ends the line on a terminal so following output starts on a fresh line. */
    public synchronized void finish() {
        if (drawn && terminal) {
            err.println();
            err.flush();
        }
    }

    String render(long done, long total, String message, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(fmt(done));
        if (total >= 0) {
            sb.append(" / ").append(fmt(total));
            if (total > 0) {
                sb.append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
            }
        }
        if (seconds > 0.2 && done > 0) {
            double rate = done / seconds;
            sb.append(", ").append(fmt((long) rate)).append("/s");
            if (total > done && rate > 0) {
                sb.append(", ").append(formatDuration((total - done) / rate)).append(" left");
            }
        }
        if (message != null && !message.isBlank()) {
            sb.append("  ").append(message);
        }
        return sb.toString();
    }

    private String fmt(long n) {
        return bytes ? Sizes.human(n) : Long.toString(n);
    }

    static String formatDuration(double s) {
        long secs = Math.round(s);
        if (secs < 60) {
            return secs + " s";
        }
        if (secs < 3600) {
            return (secs / 60) + " min " + (secs % 60) + " s";
        }
        return (secs / 3600) + " h " + ((secs % 3600) / 60) + " min";
    }
}
