package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** Max pooling of (N, C, H, W) to (N, C, outH, outW), as {@code torch.nn.AdaptiveMaxPool2d}. */
public final class AdaptiveMaxPool2d extends Module {
    public final int outH;
    public final int outW;
    private final boolean square;

    public AdaptiveMaxPool2d(int outputSize) {
        this(outputSize, outputSize, true);
    }

    public AdaptiveMaxPool2d(int outH, int outW) {
        this(outH, outW, false);
    }

    private AdaptiveMaxPool2d(int outH, int outW, boolean square) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("AdaptiveMaxPool2d: output_size must be positive, got (" + outH + ", "
                    + outW + ")");
        }
        this.outH = outH;
        this.outW = outW;
        this.square = square;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveMaxPool2d(input, outH, outW);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (square ? Integer.toString(outH) : py(outH, outW));
    }
}
