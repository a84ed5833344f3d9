package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import java.util.Arrays;

/**
 * {@code y = x W^T + b} as one recorded op: the bias is written into the output rows before a single
 * GEMM with beta = 1, and the backward pass makes dW = g^T x directly in W's (out, in) layout, dx = g W
 * and db = the column sums of g, each straight into a fresh array. This replaces matmul + t() + add,
 * whose backward produced a transposed weight gradient that then had to be copied, and a broadcast
 * sum for the bias.
 */
public final class FusedLinear {
    private FusedLinear() {
    }

    /**
     * input (*, in), weight (out, in), bias (out) or null; returns (*, out). The caller validates
     * the shapes (see {@code F.linear}); all three must be float32.
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        input.requireFloat("linear");
        weight.requireFloat("linear");
        int in = weight.shape[1];
        int outF = weight.shape[0];
        int rows = Shapes.numel(Arrays.copyOf(input.shape, input.dim() - 1));
        int[] outShape = input.shape.clone();
        outShape[outShape.length - 1] = outF;
        Tensor x2 = matrix(Views.rawContiguous(input), rows, in);              // (rows, in)
        float[] out = FreshArrays.floats(rows * outF);
        float beta = 0f;
        if (bias != null) {
            bias.requireFloat("linear");
            Tensor b = Views.rawContiguous(bias);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b.storage.floats, b.offset, out, r * outF, outF);
            }
            beta = 1f;
        }
        LinAlg.gemmInto(x2, transposed(weight), out, 0, beta);
        Tensor result = Tensor.wrap(out, outShape);
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Autograd.record(result, "linear", inputs, new Tensor[] {input, weight},
                g -> backward(g, input, x2, weight, bias, rows, in, outF));
    }

    private static Tensor[] backward(Tensor g, Tensor input, Tensor x2, Tensor weight, Tensor bias, int rows, int in,
                                     int outF) {
        Tensor g2 = matrix(Views.rawContiguous(g), rows, outF);               // (rows, out)
        Tensor dx = null;
        if (input.requiresGrad()) {
            float[] d = FreshArrays.floats(rows * in);
            LinAlg.gemmInto(g2, weight.detach(), d, 0, 0f);
            dx = Tensor.wrap(d, input.shape);
        }
        Tensor dw = null;
        if (weight.requiresGrad()) {
            float[] d = FreshArrays.floats(outF * in);
            LinAlg.gemmInto(transposed(g2), x2, d, 0, 0f);
            dw = Tensor.wrap(d, outF, in);
        }
        Tensor db = null;
        if (bias != null && bias.requiresGrad()) {
            db = Tensor.wrap(columnSums(g2.storage.floats, g2.offset, rows, outF), outF);
        }
        return bias == null ? new Tensor[] {dx, dw} : new Tensor[] {dx, dw, db};
    }

    /** A contiguous tensor seen as a (rows, cols) matrix, outside the graph. */
    private static Tensor matrix(Tensor t, int rows, int cols) {
        return new Tensor(t.storage, t.offset, new int[] {rows, cols}, new int[] {cols, 1});
    }

    /** The transpose of a 2-D tensor as a view outside the graph. */
    private static Tensor transposed(Tensor t) {
        return new Tensor(t.storage, t.offset, new int[] {t.shape[1], t.shape[0]}, new int[] {t.strides[1], t.strides[0]});
    }

    /** Sums the rows of a row-major (rows, cols) block, accumulating row by row in order. */
    static float[] columnSums(float[] a, int off, int rows, int cols) {
        float[] s = new float[cols];
        Kernels k = KernelProvider.get();
        for (int r = 0; r < rows; r++) {
            k.axpy(cols, 1f, a, off + r * cols, s, 0);
        }
        return s;
    }
}
