package dev.nabla.nn;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * What batch and instance normalization share, as PyTorch's {@code _NormBase}: the options, the
 * parameters {@code weight} (ones) and {@code bias} (zeros) when affine, the buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (int64 0)
 * when trackRunningStats, and the printout. Subclasses: {@link BatchNorm}, {@link InstanceNorm}.
 */
public abstract class NormBase extends Module {
    public final int numFeatures;
    public final double eps;
    /** Null: a cumulative moving average in batch norm, 0 in instance norm (as PyTorch). */
    public final Double momentum;
    public final boolean affine;
    public final boolean trackRunningStats;
    /** Null unless affine. */
    public final Tensor weight;
    public final Tensor bias;
    /** Null unless trackRunningStats. */
    public final Tensor runningMean;
    public final Tensor runningVar;
    public final Tensor numBatchesTracked;

    NormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(typeName() + ": num_features must be positive, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.weight = registerParameter("weight", affine ? Tensor.ones(numFeatures) : null);
        this.bias = registerParameter("bias", affine ? Tensor.zeros(numFeatures) : null);
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked",
                trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + py(eps) + ", momentum=" + (momentum == null ? "None" : py(momentum))
                + ", affine=" + py(affine) + ", track_running_stats=" + py(trackRunningStats);
    }
}
