package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** Batch normalization over (N, C, D, H, W), per channel C, as {@code torch.nn.BatchNorm3d}. See {@link BatchNorm}. */
public final class BatchNorm3d extends BatchNorm {
    public BatchNorm3d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** momentum null means a cumulative average. */
    public BatchNorm3d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 5) {
            throw new IllegalArgumentException("BatchNorm3d: expected 5D input (got " + input.dim() + "D input, "
                    + java.util.Arrays.toString(input.shape()) + ")");
        }
    }
}
