package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Average pooling to a fixed output size, as {@code torch.nn.AdaptiveAvgPool2d}: (N, C, H, W) to
 * (N, C, outH, outW), window i covering [floor(i H / outH), ceil((i + 1) H / outH)).
 *
 * <pre>{@code
 * AdaptiveAvgPool2d gap = new AdaptiveAvgPool2d(1);   // global average pooling
 * }</pre>
 */
public final class AdaptiveAvgPool2d extends AdaptivePool2d {
    public AdaptiveAvgPool2d(int outputSize) {
        super(outputSize, outputSize, true);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        super(outH, outW, false);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool2d(input, outH, outW);
    }
}
