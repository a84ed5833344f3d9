package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** x * sigmoid(x) element-wise, as {@code torch.nn.SiLU}; any shape. */
public final class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
