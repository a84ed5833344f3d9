package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** tanh(x) element-wise, as {@code torch.nn.Tanh}; any shape. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.tanh(input);
    }
}
