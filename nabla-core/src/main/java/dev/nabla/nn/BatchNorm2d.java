package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Batch normalization over (N, C, H, W), per channel C, as {@code torch.nn.BatchNorm2d}
 * (defaults eps 1e-5, momentum 0.1, affine, trackRunningStats). See {@link BatchNorm}.
 *
 * <pre>{@code
 * Sequential block = new Sequential(new Conv2d(3, 16, 3), new BatchNorm2d(16), new ReLU());
 * }</pre>
 */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** momentum null means a cumulative average. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected 4D input (got " + input.dim() + "D input, "
                    + java.util.Arrays.toString(input.shape()) + ")");
        }
    }
}
