package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** 1 / (1 + exp(-x)) element-wise, as {@code torch.nn.Sigmoid}; any shape. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.sigmoid(input);
    }
}
