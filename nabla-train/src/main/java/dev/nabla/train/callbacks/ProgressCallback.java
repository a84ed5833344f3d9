package dev.nabla.train.callbacks;

import dev.nabla.train.TrainContext;
import dev.nabla.train.progress.ProgressBar;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drives a {@link ProgressBar}: one bar per epoch, then a summary line with the epoch's metrics. */
public final class ProgressCallback implements Callback {
    private final ProgressBar bar;

    public ProgressCallback(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on standard output (in place on a terminal, plain lines otherwise). */
    public ProgressCallback() {
        this(ProgressBar.onStdout());
    }

    @Override
    public void onEpochBegin(TrainContext ctx) {
        bar.beginEpoch(ctx.epoch() + 1, ctx.epochs(), ctx.stepsPerEpoch(), ctx.stepInEpoch());
    }

    @Override
    public void onBatchEnd(TrainContext ctx) {
        bar.update(ctx.stepInEpoch(), ctx.batchSize(), ctx.batchLoss(), ctx.lr());
    }

    @Override
    public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
        Map<String, Double> shown = new LinkedHashMap<>(logs);
        shown.remove("epoch");
        bar.endEpoch(shown);
    }
}
