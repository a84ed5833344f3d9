package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * Runs before a module's forward, as {@code register_forward_pre_hook}: it sees the inputs and may
 * return replacements (an array of the same length), or null to keep them.
 */
@FunctionalInterface
public interface ForwardPreHook {
    Tensor[] apply(Module module, Tensor[] inputs);
}
