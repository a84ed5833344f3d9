package dev.nabla.autograd;

import dev.nabla.tensor.Tensor;

/**
 * The backward rule of one recorded op: given the gradient of the loss with respect to the op's
 * output, return the gradients with respect to each input (same order as the inputs; null where an
 * input needs none). Runs with gradient recording off.
 */
@FunctionalInterface
public interface BackwardFn {
    Tensor[] apply(Tensor gradOutput);
}
