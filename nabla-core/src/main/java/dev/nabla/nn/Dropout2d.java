package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Zeroes whole channels of (N, C, H, W) with probability p in training and scales the rest by
 * 1/(1-p) (Tompson et al., 2015), as {@code torch.nn.Dropout2d} (default p = 0.5); identity in eval.
 */
public final class Dropout2d extends Module {
    public final double p;
    private final Generator generator;

    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, Generator.defaultGenerator());
    }

    public Dropout2d(double p, Generator generator) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("Dropout2d: dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + py(p) + ", inplace=False";
    }
}
