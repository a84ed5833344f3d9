package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** x for x > 0, alpha * (exp(x) - 1) otherwise (Clevert et al., 2015), as {@code torch.nn.ELU} (default alpha 1). */
public final class ELU extends Module {
    public final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha);
    }

    @Override
    protected String extraRepr() {
        return "alpha=" + py(alpha);
    }
}
