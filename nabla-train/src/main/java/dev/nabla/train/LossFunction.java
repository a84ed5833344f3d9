package dev.nabla.train;

import dev.nabla.tensor.Tensor;

/**
 * A loss: the model's output and the batch targets to a scalar tensor to minimise, e.g.
 * {@code F::crossEntropy} or {@code (out, t) -> F.mseLoss(out, t)}. It should average over the batch
 * (the trainer weights the logged loss by batch size).
 */
@FunctionalInterface
public interface LossFunction {
    Tensor apply(Tensor output, Tensor target);
}
