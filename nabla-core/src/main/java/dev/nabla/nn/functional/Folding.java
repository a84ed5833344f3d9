package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Sliding-window extraction and its adjoint, as {@code torch.nn.functional.unfold / fold} (im2col
 * and col2im exposed as ops). Each is the other's gradient.
 *
 * <pre>{@code
 * Tensor cols = Folding.unfold(x, new int[] {3}, null, new int[] {1}, null);   // (N, C*9, H*W)
 * }</pre>
 */
public final class Folding {
    private Folding() {
    }

    /**
     * Extracts sliding blocks: input (N, C, H, W) or (C, H, W) to (N, C * kh * kw, L), L the number of
     * block positions; dilation, padding and stride default to 1, 0 and 1 (null).
     */
    public static Tensor unfold(Tensor input, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        String op = "unfold";
        if (input.dim() == 3) {
            return unfold(input.unsqueeze(0), kernelSize, dilation, padding, stride).squeeze(0);
        }
        if (input.dim() != 4 || input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a 3-D (C, H, W) or 4-D (N, C, H, W) float32 input, got "
                    + input.dtype().torchName() + " " + Arrays.toString(input.shape()));
        }
        Convolution.Geom g = geom(op, input.size(0), input.size(1), input.size(2), input.size(3), kernelSize,
                dilation, padding, stride, input.shape());
        float[] x = input.contiguousFloats();
        int rows = g.k();
        int l = g.outPlane();
        float[] out = new float[g.n() * rows * l];
        float[] col = new float[rows * l];
        for (int b = 0; b < g.n(); b++) {
            Convolution.im2col(g, x, b * g.c() * g.inPlane(), col);
            System.arraycopy(col, 0, out, b * rows * l, rows * l);
        }
        Tensor result = Tensor.wrap(out, g.n(), rows, l);
        return Autograd.record(result, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dx = new float[input.numel()];
            foldInto(g, go, dx);
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
    }

    /**
     * Sums sliding blocks back into an image: input (N, C * kh * kw, L) or (C * kh * kw, L) to
     * (N, C, outputSize[0], outputSize[1]); overlapping entries add up.
     */
    public static Tensor fold(Tensor input, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding,
                              int[] stride) {
        String op = "fold";
        if (input.dim() == 2) {
            return fold(input.unsqueeze(0), outputSize, kernelSize, dilation, padding, stride).squeeze(0);
        }
        if (input.dim() != 3 || input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a 2-D or 3-D (N, C * kh * kw, L) float32 input, got "
                    + input.dtype().torchName() + " " + Arrays.toString(input.shape()));
        }
        int[] out = Convolution.pair(op, "output_size", outputSize, -1, 1);
        int[] k = Convolution.pair(op, "kernel_size", kernelSize, -1, 1);
        int taps = k[0] * k[1];
        if (input.size(1) % taps != 0) {
            throw new IllegalArgumentException(op + ": expected size of input's dimension 1 (" + input.size(1)
                    + ") to be divisible by the product of kernel_size " + Arrays.toString(k) + " (input "
                    + Arrays.toString(input.shape()) + ")");
        }
        Convolution.Geom g = geom(op, input.size(0), input.size(1) / taps, out[0], out[1], kernelSize, dilation,
                padding, stride, input.shape());
        if (g.outPlane() != input.size(2)) {
            throw new IllegalArgumentException(op + ": expected input's dimension 2 to match the number of blocks "
                    + g.outPlane() + " (" + g.oh() + " x " + g.ow() + ") for output_size " + Arrays.toString(out)
                    + ", got input " + Arrays.toString(input.shape()));
        }
        float[] cols = input.contiguousFloats();
        float[] img = new float[g.n() * g.c() * g.inPlane()];
        foldInto(g, cols, img);
        Tensor result = Tensor.wrap(img, g.n(), g.c(), out[0], out[1]);
        return Autograd.record(result, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dc = new float[input.numel()];
            float[] col = new float[g.k() * g.outPlane()];
            for (int b = 0; b < g.n(); b++) {
                Convolution.im2col(g, go, b * g.c() * g.inPlane(), col);
                System.arraycopy(col, 0, dc, b * col.length, col.length);
            }
            return new Tensor[] {Tensor.wrap(dc, input.shape())};
        });
    }

    /** col2im per batch item: cols (n, k, L) added into img (n, c, h, w). */
    private static void foldInto(Convolution.Geom g, float[] cols, float[] img) {
        int rows = g.k() * g.outPlane();
        float[] col = new float[rows];
        for (int b = 0; b < g.n(); b++) {
            System.arraycopy(cols, b * rows, col, 0, rows);
            Convolution.col2im(g, col, img, b * g.c() * g.inPlane());
        }
    }

    private static Convolution.Geom geom(String op, int n, int c, int h, int w, int[] kernelSize, int[] dilation,
                                         int[] padding, int[] stride, int[] shown) {
        int[] k = Convolution.pair(op, "kernel_size", kernelSize, -1, 1);
        int[] d = Convolution.pair(op, "dilation", dilation, 1, 1);
        int[] p = Convolution.pair(op, "padding", padding, 0, 0);
        int[] s = Convolution.pair(op, "stride", stride, 1, 1);
        int oh = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        int ow = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        if (h + 2 * p[0] < d[0] * (k[0] - 1) + 1 || w + 2 * p[1] < d[1] * (k[1] - 1) + 1) {
            throw new IllegalArgumentException(op + ": kernel_size " + Arrays.toString(k) + " (dilation "
                    + Arrays.toString(d) + ") does not fit the padded image " + (h + 2 * p[0]) + " x " + (w + 2 * p[1])
                    + " (input " + Arrays.toString(shown) + ")");
        }
        return new Convolution.Geom(n, c, h, w, 1, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], 1, oh, ow);
    }
}
