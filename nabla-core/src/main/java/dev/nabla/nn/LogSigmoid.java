package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** log(sigmoid(x)) computed stably, as {@code torch.nn.LogSigmoid}. */
public final class LogSigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.logSigmoid(input);
    }
}
