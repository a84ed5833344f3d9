package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** x * relu6(x + 3) / 6 (Howard et al., 2019), as {@code torch.nn.Hardswish}. */
public final class Hardswish extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.mul(input.add(3.0).clamp(0, 6)).div(6.0);
    }
}
