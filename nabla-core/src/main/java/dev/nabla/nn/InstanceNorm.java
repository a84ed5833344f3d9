package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/**
 * Instance normalization (Ulyanov et al., 2016), the common part of {@link InstanceNorm1d} and
 * {@link InstanceNorm2d} (PyTorch's {@code _InstanceNorm}): each (sample, channel) plane is
 * normalised by its own statistics. Defaults differ from batch norm: no affine parameters and no
 * running statistics. With trackRunningStats the buffers {@code running_mean}, {@code running_var}
 * and {@code num_batches_tracked} exist and eval mode uses them.
 */
public abstract class InstanceNorm extends Module {
    public final int numFeatures;
    public final double eps;
    /** Null counts as 0, as in PyTorch. */
    public final Double momentum;
    public final boolean affine;
    public final boolean trackRunningStats;
    public final Tensor weight;
    public final Tensor bias;
    public final Tensor runningMean;
    public final Tensor runningVar;
    public final Tensor numBatchesTracked;
    private final int noBatchDim;

    protected InstanceNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
            int noBatchDim) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(typeName() + ": num_features must be positive, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        this.noBatchDim = noBatchDim;
        this.weight = registerParameter("weight", affine ? Tensor.ones(numFeatures) : null);
        this.bias = registerParameter("bias", affine ? Tensor.zeros(numFeatures) : null);
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked",
                trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    @Override
    public final Tensor forward(Tensor input) {
        if (input.dim() != noBatchDim && input.dim() != noBatchDim + 1) {
            throw new IllegalArgumentException(typeName() + ": expected " + noBatchDim + "D (unbatched) or "
                    + (noBatchDim + 1) + "D (batched) input, got " + input.dim() + "D input "
                    + java.util.Arrays.toString(input.shape()));
        }
        int featureDim = input.dim() - noBatchDim;
        if (affine && input.size(featureDim) != numFeatures) {
            throw new IllegalArgumentException(typeName() + ": expected input's size at dim=" + featureDim
                    + " to match num_features (" + numFeatures + "), but got: " + input.size(featureDim));
        }
        boolean unbatched = input.dim() == noBatchDim;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y = F.instanceNorm(x, runningMean, runningVar, weight, bias, isTraining() || !trackRunningStats,
                momentum == null ? 0.0 : momentum, eps);
        return unbatched ? y.squeeze(0) : y;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + py(eps) + ", momentum=" + (momentum == null ? "None" : py(momentum))
                + ", affine=" + py(affine) + ", track_running_stats=" + py(trackRunningStats);
    }
}
