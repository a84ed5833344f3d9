package dev.nabla.nn;

/**
 * The output size that adaptive 2-D pooling layers share ({@link AdaptiveAvgPool2d},
 * {@link AdaptiveMaxPool2d}): checked positive, printed as one int when given as one.
 */
public abstract class AdaptivePool2d extends Module {
    public final int outH;
    public final int outW;
    /** Built from one size (printed as {@code output_size=7} rather than {@code (7, 7)}). */
    private final boolean square;

    AdaptivePool2d(int outH, int outW, boolean square) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(typeName() + ": output_size must be positive, got (" + outH + ", "
                    + outW + ")");
        }
        this.outH = outH;
        this.outW = outW;
        this.square = square;
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (square ? Integer.toString(outH) : py(outH, outW));
    }
}
