package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import java.util.Arrays;

/**
 * Max, average and adaptive pooling over (N, C, H, W) or (C, H, W) input, with PyTorch's output-size
 * rules (ceil_mode, padding, dilation) and gradients; the 1-D forms run through the 2-D ones.
 *
 * <pre>{@code
 * Tensor y = Pooling.maxPool2d(x, new int[] {2}, null, new int[] {0}, new int[] {1}, false); // halves H, W
 * }</pre>
 */
public final class Pooling {
    private Pooling() {
    }

    // ------------------------------------------------------------------ max pooling

    /**
     * Max pooling. kernel, stride, padding and dilation take one value for both dims or two; a null
     * or empty stride means stride = kernel. Padding is -inf, and may be at most half the kernel.
     * The gradient flows to the position of each window's maximum.
     */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        return maxPool2dWithIndices(input, kernel, stride, padding, dilation, ceilMode).values();
    }

    /**
     * Max pooling that also returns, per output, the flat index h * W + w of the maximum in its input
     * plane (int64), as torch's return_indices=True.
     */
    public static ValuesIndices maxPool2dWithIndices(Tensor input, int[] kernel, int[] stride, int[] padding,
                                                    int[] dilation, boolean ceilMode) {
        String op = "max_pool2d";
        Planes pl = Planes.of(op, input);
        int[] k = Convolution.pair(op, "kernel_size", kernel, -1, 1);
        int[] s = stride == null || stride.length == 0 ? k : Convolution.pair(op, "stride", stride, 1, 1);
        int[] p = Convolution.pair(op, "padding", padding, 0, 0);
        int[] d = Convolution.pair(op, "dilation", dilation, 1, 1);
        checkPadding(op, k, p, input);
        int oh = outSize(op, input, pl.h, k[0], s[0], p[0], d[0], ceilMode);
        int ow = outSize(op, input, pl.w, k[1], s[1], p[1], d[1], ceilMode);
        float[] x = input.contiguousFloats();
        int planes = pl.count;
        float[] out = new float[planes * oh * ow];
        int[] arg = new int[out.length];
        int h = pl.h;
        int w = pl.w;
        for (int q = 0; q < planes; q++) {
            int in0 = q * h * w;
            int o = q * oh * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * s[0] - p[0];
                for (int xo = 0; xo < ow; xo++, o++) {
                    int ws = xo * s[1] - p[1];
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = -1;
                    for (int ki = 0; ki < k[0]; ki++) {
                        int ih = hs + ki * d[0];
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        for (int kj = 0; kj < k[1]; kj++) {
                            int iw = ws + kj * d[1];
                            if (iw < 0 || iw >= w) {
                                continue;
                            }
                            float v = x[in0 + ih * w + iw];
                            // NaN wins, as in torch: a NaN anywhere in the window makes the output NaN.
                            if (v > best || Float.isNaN(v) || bestAt < 0) {
                                best = v;
                                bestAt = ih * w + iw;
                            }
                        }
                    }
                    out[o] = best;
                    arg[o] = bestAt;
                }
            }
        }
        return withIndices(op, input, pl, oh, ow, out, arg);
    }

    /** 1-D max pooling over (N, C, L) or (C, L); stride null means stride = kernel. */
    public static Tensor maxPool1d(Tensor input, int kernel, Integer stride, int padding, int dilation,
                                   boolean ceilMode) {
        require1d("max_pool1d", input);
        int s = stride == null ? kernel : stride;
        return maxPool2d(input.unsqueeze(-2), new int[] {1, kernel}, new int[] {1, s}, new int[] {0, padding},
                new int[] {1, dilation}, ceilMode).squeeze(-2);
    }

    /** Adaptive max pooling to (outH, outW): window i covers [floor(i in / out), ceil((i + 1) in / out)). */
    public static Tensor adaptiveMaxPool2d(Tensor input, int outH, int outW) {
        return adaptiveMaxPool2dWithIndices(input, outH, outW).values();
    }

    /** Adaptive max pooling that also returns the flat in-plane index of each maximum (int64). */
    public static ValuesIndices adaptiveMaxPool2dWithIndices(Tensor input, int outH, int outW) {
        String op = "adaptive_max_pool2d";
        Planes pl = Planes.of(op, input);
        checkOutput(op, outH, outW, input);
        float[] x = input.contiguousFloats();
        int h = pl.h;
        int w = pl.w;
        float[] out = new float[pl.count * outH * outW];
        int[] arg = new int[out.length];
        for (int q = 0; q < pl.count; q++) {
            int in0 = q * h * w;
            int o = q * outH * outW;
            for (int y = 0; y < outH; y++) {
                int h0 = start(y, h, outH);
                int h1 = end(y, h, outH);
                for (int xo = 0; xo < outW; xo++, o++) {
                    int w0 = start(xo, w, outW);
                    int w1 = end(xo, w, outW);
                    float best = Float.NEGATIVE_INFINITY;
                    int bestAt = -1;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            float v = x[in0 + ih * w + iw];
                            if (v > best || Float.isNaN(v) || bestAt < 0) {
                                best = v;
                                bestAt = ih * w + iw;
                            }
                        }
                    }
                    out[o] = best;
                    arg[o] = bestAt;
                }
            }
        }
        return withIndices(op, input, pl, outH, outW, out, arg);
    }

    /** Adaptive max pooling of (N, C, L) or (C, L) to length out. */
    public static Tensor adaptiveMaxPool1d(Tensor input, int out) {
        require1d("adaptive_max_pool1d", input);
        return adaptiveMaxPool2d(input.unsqueeze(-2), 1, out).squeeze(-2);
    }

    /** Wraps max-pool results and records the backward that routes each gradient to its argmax. */
    private static ValuesIndices withIndices(String op, Tensor input, Planes pl, int oh, int ow, float[] out, int[] arg) {
        Tensor values = Tensor.wrap(out, pl.outShape(input, oh, ow));
        long[] idx = new long[arg.length];
        for (int i = 0; i < arg.length; i++) {
            idx[i] = arg[i];
        }
        Tensor indices = Tensor.ofLongs(idx, pl.outShape(input, oh, ow));
        int hw = pl.h * pl.w;
        int ohw = oh * ow;
        Autograd.record(values, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dx = new float[input.numel()];
            for (int q = 0; q < pl.count; q++) {
                int in0 = q * hw;
                int o0 = q * ohw;
                for (int i = 0; i < ohw; i++) {
                    int a = arg[o0 + i];
                    if (a >= 0) {
                        dx[in0 + a] += go[o0 + i];
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
        return new ValuesIndices(values, indices);
    }

    // ------------------------------------------------------------------ average pooling

    /**
     * Average pooling. stride null or empty means stride = kernel. With countIncludePad the zero
     * padding counts in the divisor (not the part of a ceil_mode window past the padding);
     * divisorOverride, when not null, replaces the divisor.
     */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        String op = "avg_pool2d";
        Planes pl = Planes.of(op, input);
        int[] k = Convolution.pair(op, "kernel_size", kernel, -1, 1);
        int[] s = stride == null || stride.length == 0 ? k : Convolution.pair(op, "stride", stride, 1, 1);
        int[] p = Convolution.pair(op, "padding", padding, 0, 0);
        checkPadding(op, k, p, input);
        if (divisorOverride != null && divisorOverride == 0) {
            throw new IllegalArgumentException(op + ": divisor_override must be non-zero");
        }
        int h = pl.h;
        int w = pl.w;
        int oh = outSize(op, input, h, k[0], s[0], p[0], 1, ceilMode);
        int ow = outSize(op, input, w, k[1], s[1], p[1], 1, ceilMode);
        // Window bounds and divisors depend only on (y, x), not on the plane: compute them once.
        int[] hs = new int[oh];
        int[] he = new int[oh];
        int[] hPad = new int[oh];
        for (int y = 0; y < oh; y++) {
            int a = y * s[0] - p[0];
            int b = Math.min(a + k[0], h + p[0]);
            hPad[y] = b - a;
            hs[y] = Math.max(a, 0);
            he[y] = Math.min(b, h);
        }
        int[] ws = new int[ow];
        int[] we = new int[ow];
        int[] wPad = new int[ow];
        for (int xo = 0; xo < ow; xo++) {
            int a = xo * s[1] - p[1];
            int b = Math.min(a + k[1], w + p[1]);
            wPad[xo] = b - a;
            ws[xo] = Math.max(a, 0);
            we[xo] = Math.min(b, w);
        }
        float[] inv = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int xo = 0; xo < ow; xo++) {
                int div;
                if (divisorOverride != null) {
                    div = divisorOverride;
                } else if (countIncludePad) {
                    div = hPad[y] * wPad[xo];
                } else {
                    div = (he[y] - hs[y]) * (we[xo] - ws[xo]);
                }
                inv[y * ow + xo] = div == 0 ? 0f : 1f / div;
            }
        }
        float[] x = input.contiguousFloats();
        float[] out = new float[pl.count * oh * ow];
        for (int q = 0; q < pl.count; q++) {
            int in0 = q * h * w;
            int o = q * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    float acc = 0f;
                    for (int ih = hs[y]; ih < he[y]; ih++) {
                        int r = in0 + ih * w;
                        for (int iw = ws[xo]; iw < we[xo]; iw++) {
                            acc += x[r + iw];
                        }
                    }
                    out[o] = acc * inv[y * ow + xo];
                }
            }
        }
        Tensor result = Tensor.wrap(out, pl.outShape(input, oh, ow));
        return Autograd.record(result, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dx = new float[input.numel()];
            for (int q = 0; q < pl.count; q++) {
                int in0 = q * h * w;
                int o = q * oh * ow;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++, o++) {
                        float gv = go[o] * inv[y * ow + xo];
                        for (int ih = hs[y]; ih < he[y]; ih++) {
                            int r = in0 + ih * w;
                            for (int iw = ws[xo]; iw < we[xo]; iw++) {
                                dx[r + iw] += gv;
                            }
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
    }

    /** 1-D average pooling over (N, C, L) or (C, L); stride null means stride = kernel. */
    public static Tensor avgPool1d(Tensor input, int kernel, Integer stride, int padding, boolean ceilMode,
                                   boolean countIncludePad) {
        require1d("avg_pool1d", input);
        int s = stride == null ? kernel : stride;
        return avgPool2d(input.unsqueeze(-2), new int[] {1, kernel}, new int[] {1, s}, new int[] {0, padding},
                ceilMode, countIncludePad, null).squeeze(-2);
    }

    /** Adaptive average pooling to (outH, outW): window i covers [floor(i in / out), ceil((i + 1) in / out)). */
    public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        String op = "adaptive_avg_pool2d";
        Planes pl = Planes.of(op, input);
        checkOutput(op, outH, outW, input);
        int h = pl.h;
        int w = pl.w;
        float[] x = input.contiguousFloats();
        float[] out = new float[pl.count * outH * outW];
        for (int q = 0; q < pl.count; q++) {
            int in0 = q * h * w;
            int o = q * outH * outW;
            for (int y = 0; y < outH; y++) {
                int h0 = start(y, h, outH);
                int h1 = end(y, h, outH);
                for (int xo = 0; xo < outW; xo++, o++) {
                    int w0 = start(xo, w, outW);
                    int w1 = end(xo, w, outW);
                    float acc = 0f;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            acc += x[in0 + ih * w + iw];
                        }
                    }
                    out[o] = acc / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        Tensor result = Tensor.wrap(out, pl.outShape(input, outH, outW));
        return Autograd.record(result, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dx = new float[input.numel()];
            for (int q = 0; q < pl.count; q++) {
                int in0 = q * h * w;
                int o = q * outH * outW;
                for (int y = 0; y < outH; y++) {
                    int h0 = start(y, h, outH);
                    int h1 = end(y, h, outH);
                    for (int xo = 0; xo < outW; xo++, o++) {
                        int w0 = start(xo, w, outW);
                        int w1 = end(xo, w, outW);
                        float gv = go[o] / ((h1 - h0) * (w1 - w0));
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                dx[in0 + ih * w + iw] += gv;
                            }
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
    }

    /** Adaptive average pooling of (N, C, L) or (C, L) to length out. */
    public static Tensor adaptiveAvgPool1d(Tensor input, int out) {
        require1d("adaptive_avg_pool1d", input);
        return adaptiveAvgPool2d(input.unsqueeze(-2), 1, out).squeeze(-2);
    }

    // ------------------------------------------------------------------ helpers

    /** The input seen as planes (N * C of them) of h x w. */
    private record Planes(int count, int h, int w) {
        static Planes of(String op, Tensor input) {
            if (input.dim() != 3 && input.dim() != 4) {
                throw new IllegalArgumentException(op + ": expected 3-D (C, H, W) or 4-D (N, C, H, W) input, got "
                        + Arrays.toString(input.shape()));
            }
            if (input.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(op + ": expected a float32 input, got " + input.dtype().torchName());
            }
            int r = input.dim();
            int h = input.size(r - 2);
            int w = input.size(r - 1);
            if (h == 0 || w == 0) {
                throw new IllegalArgumentException(op + ": input has an empty spatial dim "
                        + Arrays.toString(input.shape()));
            }
            return new Planes(input.numel() / (h * w), h, w);
        }

        int[] outShape(Tensor input, int oh, int ow) {
            int[] s = input.shape().clone();
            s[s.length - 2] = oh;
            s[s.length - 1] = ow;
            return s;
        }
    }

    private static void require1d(String op, Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected 2-D (C, L) or 3-D (N, C, L) input, got "
                    + Arrays.toString(input.shape()));
        }
    }

    private static void checkPadding(String op, int[] k, int[] p, Tensor input) {
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(p)
                    + " should be at most half of kernel_size " + Arrays.toString(k) + " (input "
                    + Arrays.toString(input.shape()) + ")");
        }
    }

    /**
     * torch's pooling_output_shape: floor or ceil division, and a ceil-mode window must start inside
     * the input or its left padding.
     */
    static int outSize(String op, Tensor input, int in, int k, int s, int p, int d, boolean ceilMode) {
        int num = in + 2 * p - d * (k - 1) - 1;
        int out = (ceilMode ? Math.floorDiv(num + s - 1, s) : Math.floorDiv(num, s)) + 1;
        if (ceilMode && (out - 1) * s >= in + p) {
            out--;
        }
        if (out <= 0) {
            throw new IllegalArgumentException(op + ": kernel " + k + " (dilation " + d + ", padding " + p
                    + ") is too large for input size " + in + ": output size would be " + out + " (input "
                    + Arrays.toString(input.shape()) + ")");
        }
        return out;
    }

    private static void checkOutput(String op, int outH, int outW, Tensor input) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(op + ": output_size must be positive, got [" + outH + ", " + outW
                    + "] (input " + Arrays.toString(input.shape()) + ")");
        }
    }

    private static int start(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    private static int end(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }
}
