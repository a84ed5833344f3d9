package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** log(1 + exp(beta x)) / beta, linear where beta x > threshold, as {@code torch.nn.Softplus} (defaults 1 and 20). */
public final class Softplus extends Module {
    public final double beta;
    public final double threshold;

    public Softplus() {
        this(1.0, 20.0);
    }

    public Softplus(double beta, double threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softplus(input, beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + py(beta) + ", threshold=" + py(threshold);
    }
}
