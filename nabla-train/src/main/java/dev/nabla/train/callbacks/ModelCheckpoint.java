package dev.nabla.train.callbacks;

import dev.nabla.io.Checkpoint;
import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import dev.nabla.train.TrainContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves checkpoints of the whole training state with {@link Checkpoint} (written to a temporary
 * file and renamed, so a crash never leaves a torn file): {@code last.safetensors} after every
 * epoch (and every {@code everySteps} batches within an epoch, at optimizer-step boundaries), and
 * {@code best.safetensors} whenever the monitored metric improves. Each holds the model, optimizer,
 * schedule, RNG, epoch, step in epoch, running metrics, history and stateful callbacks, so
 * {@code Trainer.builder().resumeFrom(dir.resolve("last.safetensors"))} continues exactly.
 */
public final class ModelCheckpoint implements Callback, Stateful {
    public static final String LAST = "last.safetensors";
    public static final String BEST = "best.safetensors";

    private final Path dir;
    private final Monitor monitor;
    private final boolean saveBest;
    private final boolean saveLast;
    private final long everySteps;
    private final Map<String, String> metadata;
    private double best;

    /**
     * @param monitor    metric for the best checkpoint (null: no best checkpoint)
     * @param everySteps also save {@code last} every this many global batches mid-epoch (0 = only at epoch ends)
     * @param metadata   extra strings stored in each file (e.g. the model name and config)
     */
    public ModelCheckpoint(Path dir, Monitor monitor, boolean saveLast, long everySteps, Map<String, String> metadata) {
        if (everySteps < 0) {
            throw new IllegalArgumentException("ModelCheckpoint: everySteps must be >= 0, got " + everySteps);
        }
        this.dir = dir;
        this.monitor = monitor;
        this.saveBest = monitor != null;
        this.saveLast = saveLast;
        this.everySteps = everySteps;
        this.metadata = Map.copyOf(metadata);
        this.best = monitor == null ? Double.NaN : monitor.initial();
    }

    /** Best on {@code val_loss} and last after every epoch. */
    public ModelCheckpoint(Path dir) {
        this(dir, new Monitor("val_loss", "min", 0), true, 0, Map.of());
    }

    public Path lastPath() {
        return dir.resolve(LAST);
    }

    public Path bestPath() {
        return dir.resolve(BEST);
    }

    @Override
    public void onBatchEnd(TrainContext ctx) {
        if (everySteps > 0 && saveLast && ctx.globalStep() % everySteps == 0 && ctx.atOptimizerStep()
                && ctx.stepInEpoch() < ctx.stepsPerEpoch()) {
            save(ctx, lastPath());
        }
    }

    @Override
    public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
        if (saveBest) {
            double v = monitor.valueIn("ModelCheckpoint", logs);
            if (monitor.improved(v, best)) {
                best = v;
                save(ctx, bestPath());
            }
        }
        if (saveLast) {
            save(ctx, lastPath());
        }
    }

    private void save(TrainContext ctx, Path file) {
        Map<String, String> md = new LinkedHashMap<>(metadata);
        md.put("step_in_epoch", Long.toString(ctx.stepInEpoch()));
        md.put("global_step", Long.toString(ctx.globalStep()));
        try {
            Files.createDirectories(dir);
            Checkpoint.save(file, ctx.checkpointParts(), ctx.epoch(), md);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String stateName() {
        return "model_checkpoint";
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return Map.of("best", StateValues.ofDouble(best));
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        best = StateValues.getDouble("ModelCheckpoint", state, "best");
    }
}
