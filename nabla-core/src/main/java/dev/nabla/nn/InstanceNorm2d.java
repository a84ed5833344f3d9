package dev.nabla.nn;

/**
 * Instance normalization of (N, C, H, W) or (C, H, W), as {@code torch.nn.InstanceNorm2d} (defaults eps 1e-5,
 * momentum 0.1, no affine parameters, no running statistics). See {@link InstanceNorm}.
 */
public final class InstanceNorm2d extends InstanceNorm {
    public InstanceNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, false, false);
    }

    public InstanceNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats, 3);
    }
}
