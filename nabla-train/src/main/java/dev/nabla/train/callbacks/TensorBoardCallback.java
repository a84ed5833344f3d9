package dev.nabla.train.callbacks;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.TrainContext;
import dev.nabla.train.tensorboard.SummaryWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Logs to TensorBoard: the batch loss and learning rate every {@code logEverySteps} batches
 * (x = global step), every epoch metric grouped as TensorBoard likes ({@code train_loss} and
 * {@code val_loss} become {@code loss/train} and {@code loss/val}, x = epoch), and optionally a
 * histogram of every parameter per epoch.
 */
public final class TensorBoardCallback implements Callback {
    private final Path logDir;
    private final int logEverySteps;
    private final boolean histograms;
    private SummaryWriter writer;

    public TensorBoardCallback(Path logDir, int logEverySteps, boolean histograms) {
        this.logDir = logDir;
        this.logEverySteps = Math.max(1, logEverySteps);
        this.histograms = histograms;
    }

    @Override
    public void onTrainBegin(TrainContext ctx) {
        writer = new SummaryWriter(logDir);
    }

    @Override
    public void onBatchEnd(TrainContext ctx) {
        if (ctx.globalStep() % logEverySteps == 0) {
            writer.addScalar("batch/loss", ctx.batchLoss(), ctx.globalStep());
            writer.addScalar("batch/lr", ctx.lr(), ctx.globalStep());
        }
    }

    @Override
    public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
        long epoch = ctx.epoch(); // epochs completed
        for (var e : logs.entrySet()) {
            if (!e.getKey().equals("epoch")) {
                writer.addScalar(tag(e.getKey()), e.getValue(), epoch);
            }
        }
        if (histograms) {
            for (Map.Entry<String, Tensor> p : ctx.model().namedParameters().entrySet()) {
                writer.addHistogram("params/" + p.getKey(), p.getValue(), epoch);
            }
        }
    }

    @Override
    public void onTrainEnd(TrainContext ctx) {
        if (writer != null) {
            writer.close();
        }
    }

    /** The writer (open between train begin and end), for logging images from other code. */
    public SummaryWriter writer() {
        return writer;
    }

    static String tag(String key) {
        if (key.startsWith("train_")) {
            return key.substring(6) + "/train";
        }
        if (key.startsWith("val_")) {
            return key.substring(4) + "/val";
        }
        return key;
    }
}
