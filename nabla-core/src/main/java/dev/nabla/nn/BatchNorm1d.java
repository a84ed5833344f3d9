package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Batch normalization over (N, C) or (N, C, L), per channel C, as {@code torch.nn.BatchNorm1d}
 * (defaults eps 1e-5, momentum 0.1, affine, trackRunningStats). See {@link BatchNorm}.
 */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** momentum null means a cumulative average. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected 2D or 3D input (got " + input.dim() + "D input, "
                    + java.util.Arrays.toString(input.shape()) + ")");
        }
    }
}
