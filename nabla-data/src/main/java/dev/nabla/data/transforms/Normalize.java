package dev.nabla.data.transforms;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code (x - mean[c]) / std[c]} per channel of (..., C, H, W), as
 * {@code torchvision.transforms.Normalize}. One value applies to every channel.
 *
 * <pre>{@code
 * new Normalize(new double[] {0.2860}, new double[] {0.3530})   // Fashion-MNIST statistics
 * }</pre>
 */
public final class Normalize implements Transform {
    private final double[] mean;
    private final double[] std;

    public Normalize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: mean and std must be non-empty and of equal length, got mean "
                    + Arrays.toString(mean) + ", std " + Arrays.toString(std));
        }
        for (double s : std) {
            if (s == 0) {
                throw new IllegalArgumentException("Normalize: std evaluated to zero after conversion to float32, "
                        + "leading to division by zero (std " + Arrays.toString(std) + ")");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("Normalize", img);
        if (s.length < 3) {
            throw new IllegalArgumentException("Normalize: expected a tensor image of shape (..., C, H, W), got "
                    + Arrays.toString(s));
        }
        int c = s[s.length - 3];
        if (mean.length != 1 && mean.length != c) {
            throw new IllegalArgumentException("Normalize: " + mean.length + " mean/std values for an image with " + c
                    + " channels (shape " + Arrays.toString(s) + ")");
        }
        int hw = s[s.length - 1] * s[s.length - 2];
        float[] src = img.contiguousFloats();
        float[] out = new float[src.length];
        int planes = src.length / Math.max(1, hw);
        for (int p = 0; p < planes; p++) {
            int ch = mean.length == 1 ? 0 : p % c;
            float m = (float) mean[ch];
            float inv = (float) (1.0 / std[ch]);
            int o = p * hw;
            for (int i = 0; i < hw; i++) {
                out[o + i] = (src[o + i] - m) * inv;
            }
        }
        return Tensor.wrap(out, s);
    }
}
