package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Runs after a module's forward, as {@code register_forward_hook}: it sees the inputs and the
 * output and may return a replacement output, or null to keep it.
 */
@FunctionalInterface
public interface ForwardHook {
    Tensor apply(Module module, Tensor[] inputs, Tensor output);
}
