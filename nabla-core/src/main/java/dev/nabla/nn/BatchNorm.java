package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Batch normalization (Ioffe and Szegedy, 2015), the common part of {@link BatchNorm1d} and
 * {@link BatchNorm2d} (PyTorch's {@code _BatchNorm}). Parameters {@code weight} (ones) and
 * {@code bias} (zeros) when affine; buffers {@code running_mean} (zeros), {@code running_var} (ones)
 * and {@code num_batches_tracked} (int64 0) when trackRunningStats. In training the batch statistics
 * normalise and the running ones are updated with {@code momentum} (null means a cumulative
 * average, factor 1 / num_batches_tracked); in eval the running statistics normalise.
 */
public abstract class BatchNorm extends NormBase {
    /** momentum null means a cumulative moving average. */
    protected BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    /** Throws unless the input has the dims this variant expects. */
    protected abstract void checkInputDim(Tensor input);

    /** Resets the running statistics to their initial values (mean 0, variance 1, count 0). */
    public final void resetRunningStats() {
        if (trackRunningStats) {
            try (var s = dev.nabla.autograd.GradMode.noGrad()) {
                runningMean.zeroInPlace();
                runningVar.fillInPlace(1);
                numBatchesTracked.storageLongs()[numBatchesTracked.offset()] = 0;
                numBatchesTracked.bumpVersion();
            }
        }
    }

    /** A state dict from before PyTorch 0.4.1 has no num_batches_tracked: it loads as 0, as in PyTorch. */
    @Override
    protected java.util.Map<String, Tensor> legacyStateDefaults() {
        return trackRunningStats ? java.util.Map.of("num_batches_tracked", Tensor.zeros(DType.INT64))
                : java.util.Map.of();
    }

    @Override
    public final Tensor forward(Tensor input) {
        checkInputDim(input);
        if (input.dim() >= 2 && input.size(1) != numFeatures) {
            throw new IllegalArgumentException(typeName() + ": expected " + numFeatures + " channels (dim 1) but input"
                    + " has " + input.size(1) + " (input " + java.util.Arrays.toString(input.shape()) + ")");
        }
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            long[] count = numBatchesTracked.storageLongs();
            long n = ++count[numBatchesTracked.offset()];
            numBatchesTracked.bumpVersion();
            if (momentum == null) {
                factor = 1.0 / n;
            }
        }
        // Without running statistics the batch statistics are used in eval too, as PyTorch does.
        boolean useBatchStats = isTraining() || runningMean == null;
        boolean passStats = !isTraining() || trackRunningStats;
        return F.batchNorm(input, passStats ? runningMean : null, passStats ? runningVar : null, weight, bias,
                useBatchStats, factor, eps);
    }
}
