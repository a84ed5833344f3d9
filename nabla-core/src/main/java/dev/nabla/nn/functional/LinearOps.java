package dev.nabla.nn.functional;

import dev.nabla.tensor.FusedLinear;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** y = x W^T + b and addmm, on the kernel GEMM. */
public final class LinearOps {
    private LinearOps() {
    }

    /** input (*, in), weight (out, in), bias (out) or null; returns (*, out). */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("linear: weight must be 2-D (out_features, in_features), got "
                    + Arrays.toString(weight.shape()));
        }
        if (input.dim() == 0 || input.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input has " + (input.dim() == 0 ? 0 : input.size(-1))
                    + " features but weight expects " + weight.size(1) + " (input " + Arrays.toString(input.shape())
                    + ", weight " + Arrays.toString(weight.shape()) + ")");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException("linear: bias must have shape [" + weight.size(0) + "], got "
                    + Arrays.toString(bias.shape()));
        }
        // One fused op: bias folded into the GEMM, weight gradient made directly in (out, in) layout.
        return FusedLinear.linear(input, weight, bias);
    }

    /** beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        Tensor prod = mat1.mm(mat2);
        if (alpha != 1) {
            prod = prod.mul(alpha);
        }
        Tensor in = beta == 1 ? input : input.mul(beta);
        return in.add(prod);
    }
}
