package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** Max pooling of (N, C, H, W) to (N, C, outH, outW), as {@code torch.nn.AdaptiveMaxPool2d}. */
public final class AdaptiveMaxPool2d extends AdaptivePool2d {
    public AdaptiveMaxPool2d(int outputSize) {
        super(outputSize, outputSize, true);
    }

    public AdaptiveMaxPool2d(int outH, int outW) {
        super(outH, outW, false);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool2d(input, outH, outW);
    }
}
