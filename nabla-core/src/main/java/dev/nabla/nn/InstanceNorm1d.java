package dev.nabla.nn;

/**
 * Instance normalization of (N, C, L) or (C, L), as {@code torch.nn.InstanceNorm1d} (defaults eps 1e-5,
 * momentum 0.1, no affine parameters, no running statistics). See {@link InstanceNorm}.
 */
public final class InstanceNorm1d extends InstanceNorm {
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    public InstanceNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 2);
    }
}
