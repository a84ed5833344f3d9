package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** Returns its input unchanged, as {@code torch.nn.Identity} (a placeholder, e.g. a removed head). */
public final class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
