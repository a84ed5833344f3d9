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
public final class AdaptiveAvgPool2d extends Module {
    public final int outH;
    public final int outW;
    private final boolean square;

    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize, true);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        this(outH, outW, false);
    }

    private AdaptiveAvgPool2d(int outH, int outW, boolean square) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output_size must be positive, got (" + outH + ", "
                    + outW + ")");
        }
        this.outH = outH;
        this.outW = outW;
        this.square = square;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool2d(input, outH, outW);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (square ? Integer.toString(outH) : py(outH, outW));
    }
}
