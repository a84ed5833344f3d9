package dev.nabla.train.progress;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A per-epoch progress bar: epoch, step/total, items per second, ETA, loss and learning rate.
 * On a terminal it redraws one line in place ({@code \r}, at most ten times a second); otherwise
 * (output to a file or a pipe, CI logs) it prints a plain line at every tenth of the epoch, so logs
 * stay short and readable.
 *
 * <pre>
 * epoch 2/5 [##########..........] 300/600  1523 items/s  ETA 0:12  loss 0.4123  lr 1.00e-03
 * </pre>
 */
public final class ProgressBar {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private int epoch;
    private int epochs;
    private long total;
    private long startNanos;
    private long lastDraw;
    private long lastLoggedStep;
    private int lastLineLength;
    private long firstStep;
    private long items;

    public ProgressBar(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = nanoClock;
    }

    public ProgressBar(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    /** Writes to standard output, redrawing in place only when it is a terminal. */
    public static ProgressBar onStdout() {
        Console c = System.console();
        // Since JDK 22 System.console() may be non-null for redirected output; isTerminal() tells.
        return new ProgressBar(System.out, c != null && c.isTerminal());
    }

    public boolean interactive() {
        return interactive;
    }

    /** Starts an epoch (1-based) of {@code totalSteps} steps; a resumed epoch passes its first step. */
    public void beginEpoch(int epoch, int epochs, long totalSteps, long startStep) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.total = totalSteps;
        this.startNanos = clock.getAsLong();
        this.lastDraw = startNanos - REDRAW_NANOS; // the first update draws
        this.lastLoggedStep = startStep;
        this.lastLineLength = 0;
        this.firstStep = startStep;
        this.items = 0;
    }

    public void beginEpoch(int epoch, int epochs, long totalSteps) {
        beginEpoch(epoch, epochs, totalSteps, 0);
    }

    /** Reports that {@code step} steps of the epoch are done, the last one over {@code batchItems} samples. */
    public void update(long step, long batchItems, double loss, double lr) {
        items += batchItems;
        long now = clock.getAsLong();
        if (interactive) {
            if (now - lastDraw < REDRAW_NANOS && step < total) {
                return;
            }
            lastDraw = now;
            String line = line(step, now, loss, lr);
            // Pad with spaces so a shorter line fully covers the previous one.
            out.print('\r' + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
            lastLineLength = line.length();
            out.flush();
        } else {
            long every = Math.max(1, total / 10);
            if (step - lastLoggedStep >= every || step == total) {
                lastLoggedStep = step;
                out.println(line(step, now, loss, lr));
            }
        }
    }

    /** Ends the epoch with its summary metrics (e.g. validation loss and accuracy). */
    public void endEpoch(Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epoch %d/%d done in %s", epoch, epochs,
                duration((clock.getAsLong() - startNanos) / 1e9)));
        for (var e : metrics.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        if (interactive) {
            out.print('\r' + " ".repeat(lastLineLength) + '\r');
        }
        out.println(sb);
        out.flush();
    }

    String line(long step, long now, double loss, double lr) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = items / secs;
        long done = step - firstStep;
        double stepsPerSec = done / secs;
        String eta = done > 0 && total > 0 ? duration((total - step) / stepsPerSec) : "?";
        int filled = total > 0 ? (int) Math.min(WIDTH, WIDTH * step / total) : 0;
        return String.format(Locale.ROOT, "epoch %d/%d [%s%s] %d/%d  %.0f items/s  ETA %s  loss %.4f  lr %.2e",
                epoch, epochs, "#".repeat(filled), ".".repeat(WIDTH - filled), step, total, rate, eta, loss, lr);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
