package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** x / (1 + |x|), as {@code torch.nn.Softsign}. */
public final class Softsign extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.div(input.abs().add(1.0));
    }
}
