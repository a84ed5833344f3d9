package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/**
 * Power-average pooling as torch's lp_pool1d / lp_pool2d: (sum over the window of x^p)^(1/p), computed
 * as torch does from average pooling of x^p times the window size (no padding).
 *
 * <pre>{@code
 * Tensor y = LpPooling.lpPool2d(x, 2.0, new int[] {2, 2}, null, false);   // L2 pooling
 * }</pre>
 */
public final class LpPooling {
    private LpPooling() {
    }

    /** stride null or empty: stride = kernel. */
    public static Tensor lpPool2d(Tensor input, double normType, int[] kernel, int[] stride, boolean ceilMode) {
        int kh = kernel[0];
        int kw = kernel.length > 1 ? kernel[1] : kernel[0];
        Tensor avg = Pooling.avgPool2d(input.pow(normType), new int[] {kh, kw}, stride, new int[] {0, 0}, ceilMode,
                true, null);
        return finish(avg, normType, kh * kw);
    }

    /** stride null: stride = kernel. */
    public static Tensor lpPool1d(Tensor input, double normType, int kernel, Integer stride, boolean ceilMode) {
        Tensor avg = Pooling.avgPool1d(input.pow(normType), kernel, stride, 0, ceilMode, true);
        return finish(avg, normType, kernel);
    }

    /** (sign(avg) relu(|avg|)) * size, to the power 1/p, as torch writes it. */
    private static Tensor finish(Tensor avg, double normType, int size) {
        if (!(normType > 0)) {
            throw new IllegalArgumentException("lp_pool: norm_type must be positive, got " + normType);
        }
        return avg.sign().mul(avg.abs().relu()).mul(size).pow(1.0 / normType);
    }
}
