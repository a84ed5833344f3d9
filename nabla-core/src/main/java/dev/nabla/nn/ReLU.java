package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** max(0, x) element-wise, as {@code torch.nn.ReLU}; any shape. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input);
    }
}
