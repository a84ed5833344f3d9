package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** x clamped to [minVal, maxVal], as {@code torch.nn.Hardtanh} (defaults -1 and 1). */
public final class Hardtanh extends Module {
    public final double minVal;
    public final double maxVal;

    public Hardtanh() {
        this(-1.0, 1.0);
    }

    public Hardtanh(double minVal, double maxVal) {
        if (!(maxVal > minVal)) {
            throw new IllegalArgumentException("Hardtanh: max_val (" + maxVal + ") must be greater than min_val ("
                    + minVal + ")");
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.clamp(minVal, maxVal);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + py(minVal) + ", max_val=" + py(maxVal);
    }
}
