package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** relu6(x + 3) / 6, as {@code torch.nn.Hardsigmoid}. */
public final class Hardsigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.add(3.0).clamp(0, 6).div(6.0);
    }
}
