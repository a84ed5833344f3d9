package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Zeroes elements with probability p in training and scales the rest by 1/(1-p) (Srivastava et
 * al., 2014), as {@code torch.nn.Dropout} (default p = 0.5); the identity in eval mode.
 */
public final class Dropout extends DropoutNd {
    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, Generator.defaultGenerator());
    }

    public Dropout(double p, Generator generator) {
        super(p, generator);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining(), generator);
    }
}
