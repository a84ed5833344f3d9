package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** x * tanh(softplus(x)) (Misra, 2019), as {@code torch.nn.Mish}. */
public final class Mish extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.mul(F.softplus(input).tanh());
    }
}
