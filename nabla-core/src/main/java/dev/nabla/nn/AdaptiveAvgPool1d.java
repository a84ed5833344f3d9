package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** Average pooling of (N, C, L) to (N, C, outputSize), as {@code torch.nn.AdaptiveAvgPool1d}. */
public final class AdaptiveAvgPool1d extends Module {
    public final int outputSize;

    public AdaptiveAvgPool1d(int outputSize) {
        if (outputSize <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool1d: output_size must be positive, got " + outputSize);
        }
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool1d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
