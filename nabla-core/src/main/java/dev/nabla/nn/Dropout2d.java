package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Zeroes whole channels of (N, C, H, W) with probability p in training and scales the rest by
 * 1/(1-p) (Tompson et al., 2015), as {@code torch.nn.Dropout2d} (default p = 0.5); identity in eval.
 */
public final class Dropout2d extends DropoutNd {
    public Dropout2d() {
        this(0.5);
    }

    public Dropout2d(double p) {
        this(p, Generator.defaultGenerator());
    }

    public Dropout2d(double p, Generator generator) {
        super(p, generator);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, isTraining(), generator);
    }
}
