package dev.nabla.train;

import dev.nabla.io.Stateful;
import dev.nabla.nn.Module;
import dev.nabla.optim.Optimizer;
import java.util.Map;

/**
 * What callbacks see of a running {@link Trainer#fit}: the model and optimizer, where training is
 * (0-based epoch, 1-based step within the epoch, global optimizer-batch count), the last batch loss,
 * and {@link #stopTraining()}. {@link #checkpointParts()} is everything a checkpoint must hold to
 * resume exactly.
 */
public final class TrainContext {
    final Trainer trainer;
    final Module model;
    final Optimizer optimizer;
    final int epochs;
    int epoch;
    long stepInEpoch;
    long stepsPerEpoch;
    long globalStep;
    double batchLoss;
    int batchSize;
    boolean stop;
    long orderFingerprint;

    TrainContext(Trainer trainer, Module model, Optimizer optimizer, int epochs) {
        this.trainer = trainer;
        this.model = model;
        this.optimizer = optimizer;
        this.epochs = epochs;
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The current epoch, 0-based (after {@code onEpochEnd} of epoch e, e + 1 epochs are complete). */
    public int epoch() {
        return epoch;
    }

    /** The total number of epochs of this fit. */
    public int epochs() {
        return epochs;
    }

    /** Batches done in the current epoch (1-based in {@code onBatchEnd}). */
    public long stepInEpoch() {
        return stepInEpoch;
    }

    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Batches done since the start of training (across resumes). */
    public long globalStep() {
        return globalStep;
    }

    /** The (unscaled) loss of the last batch. */
    public double batchLoss() {
        return batchLoss;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The learning rate of the first parameter group. */
    public double lr() {
        return optimizer.getLr(0);
    }

    /**
     * True when the current step ends an accumulation window, i.e. the optimizer just stepped and
     * no gradient is pending: the only points where a mid-epoch checkpoint is exact.
     */
    public boolean atOptimizerStep() {
        return trainer.accumulate <= 1 || stepInEpoch % trainer.accumulate == 0 || stepInEpoch == stepsPerEpoch;
    }

    /** Asks the trainer to stop after the current epoch. */
    public void stopTraining() {
        stop = true;
    }

    public boolean stopRequested() {
        return stop;
    }

    /** Per-epoch logs so far. */
    public History history() {
        return trainer.history;
    }

    /** Model, optimizer, scheduler, RNG, trainer progress and stateful callbacks, by part name. */
    public Map<String, Stateful> checkpointParts() {
        return trainer.checkpointParts(this);
    }
}
