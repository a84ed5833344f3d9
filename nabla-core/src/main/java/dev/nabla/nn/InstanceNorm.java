package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Instance normalization (Ulyanov et al., 2016), the common part of {@link InstanceNorm1d} and
 * {@link InstanceNorm2d} (PyTorch's {@code _InstanceNorm}): each (sample, channel) plane is
 * normalised by its own statistics. Defaults differ from batch norm: no affine parameters and no
 * running statistics. With trackRunningStats the buffers {@code running_mean}, {@code running_var}
 * and {@code num_batches_tracked} exist and eval mode uses them.
 */
public abstract class InstanceNorm extends NormBase {
    private final int noBatchDim;

    /** momentum null counts as 0, as in PyTorch. */
    protected InstanceNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
            int noBatchDim) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
        this.noBatchDim = noBatchDim;
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
}
