package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** x * Phi(x) (Hendrycks and Gimpel, 2016), as {@code torch.nn.GELU}; approximate "none" (default) or "tanh". */
public final class GELU extends Module {
    public final String approximate;

    public GELU() {
        this("none");
    }

    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("GELU: approximate must be 'none' or 'tanh', got '" + approximate + "'");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
