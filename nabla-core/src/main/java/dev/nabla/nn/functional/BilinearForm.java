package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * torch.nn.functional.bilinear: y[..., o] = x1[..., :] W[o] x2[..., :] + b[o], for x1 (*, I), x2 (*, J),
 * weight (O, I, J) and bias (O) or null.
 *
 * <pre>{@code
 * Tensor y = BilinearForm.bilinear(a, b, w, bias);   // (N, O)
 * }</pre>
 */
public final class BilinearForm {
    private BilinearForm() {
    }

    public static Tensor bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor bias) {
        if (weight.dim() != 3 || input1.size(-1) != weight.size(1) || input2.size(-1) != weight.size(2)
                || !Arrays.equals(Arrays.copyOf(input1.shape(), input1.dim() - 1),
                        Arrays.copyOf(input2.shape(), input2.dim() - 1))) {
            throw new IllegalArgumentException("bilinear: expected input1 (*, I), input2 (*, J) with equal leading dims"
                    + " and weight (O, I, J), got " + Arrays.toString(input1.shape()) + ", "
                    + Arrays.toString(input2.shape()) + " and " + Arrays.toString(weight.shape()));
        }
        int[] lead = Arrays.copyOf(input1.shape(), input1.dim() - 1);
        Tensor a = input1.reshape(-1, input1.size(-1));                     // (N, I)
        Tensor b = input2.reshape(-1, input2.size(-1));                     // (N, J)
        Tensor aw = a.matmul(weight);                                       // (O, N, J)
        Tensor y = aw.mul(b).sum(new int[] {-1}, false).transpose(0, 1);    // (N, O)
        if (bias != null) {
            y = y.add(bias);
        }
        int[] outShape = Arrays.copyOf(lead, lead.length + 1);
        outShape[lead.length] = weight.size(0);
        return y.reshape(outShape);
    }
}
