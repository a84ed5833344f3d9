package dev.nabla.nn;

import dev.nabla.tensor.Generator;

/**
 * What the dropout layers share ({@link Dropout}, {@link Dropout2d}), as PyTorch's {@code _DropoutNd}:
 * the probability p, checked to lie in [0, 1], the generator the masks are drawn from, and the printout.
 */
public abstract class DropoutNd extends Module {
    public final double p;
    protected final Generator generator;

    DropoutNd(double p, Generator generator) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException(typeName() + ": dropout probability has to be between 0 and 1, but got "
                    + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    protected String extraRepr() {
        return "p=" + py(p) + ", inplace=False";
    }
}
