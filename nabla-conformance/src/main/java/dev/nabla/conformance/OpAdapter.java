package dev.nabla.conformance;

import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Calls one Nabla op the way a conformance case describes a PyTorch call: named input tensors
 * (already marked requiresGrad where the case asks) and kwargs in, named outputs back
 * ({@code "output"} for a single result).
 */
@FunctionalInterface
public interface OpAdapter {
    Map<String, Tensor> run(Map<String, Tensor> inputs, Kwargs kwargs);

    /** Wraps a single-output op. */
    static OpAdapter single(java.util.function.BiFunction<Map<String, Tensor>, Kwargs, Tensor> fn) {
        return (in, kw) -> Map.of("output", fn.apply(in, kw));
    }
}
