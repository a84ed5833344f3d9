package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Local response normalisation across channels, as torch's local_response_norm:
 * x / (k + alpha / size * sum of x^2 over the size channels around c)^beta, the channel window
 * zero-padded by size / 2 before and (size - 1) / 2 after.
 *
 * <pre>{@code
 * Tensor y = LocalResponseNorm.apply(x, 5, 1e-4, 0.75, 1.0);   // x (N, C, ...)
 * }</pre>
 */
public final class LocalResponseNorm {
    private LocalResponseNorm() {
    }

    public static Tensor apply(Tensor input, int size, double alpha, double beta, double k) {
        if (input.dim() < 3) {
            throw new IllegalArgumentException("local_response_norm: expected 3D or higher dimensionality input, got "
                    + Arrays.toString(input.shape()));
        }
        if (size < 1) {
            throw new IllegalArgumentException("local_response_norm: size must be positive, got " + size);
        }
        int c = input.size(1);
        Tensor sq = input.mul(input);
        int[] padShape = input.shape().clone();
        int before = size / 2;
        int after = (size - 1) / 2;
        padShape[1] = before;
        Tensor lead = Tensor.zeros(padShape);
        padShape[1] = after;
        Tensor tail = Tensor.zeros(padShape);
        Tensor padded = Tensor.cat(new Tensor[] {lead, sq, tail}, 1);   // (N, C + size - 1, ...)
        Tensor sum = padded.narrow(1, 0, c);
        for (int j = 1; j < size; j++) {
            sum = sum.add(padded.narrow(1, j, c));
        }
        Tensor div = sum.mul(alpha / size).add(k).pow(beta);
        return input.div(div);
    }
}
