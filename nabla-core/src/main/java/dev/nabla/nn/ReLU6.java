package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** min(max(0, x), 6) element-wise, as {@code torch.nn.ReLU6}. */
public final class ReLU6 extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.clamp(0, 6);
    }
}
