package dev.nabla.nn.functional;

import dev.nabla.kernel.UnaryOp;
import dev.nabla.tensor.Tensor;

/** Bridge to the tensor package's parameterised unary ops. */
final class Unary {
    private Unary() {
    }

    static Tensor apply(Tensor x, UnaryOp op, float a, float b) {
        return Tensor.unaryOp(x, op, a, b);
    }
}
