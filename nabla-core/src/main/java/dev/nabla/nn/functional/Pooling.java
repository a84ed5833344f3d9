package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.Parallel;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

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
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, false).values();
    }

    /**
     * Max pooling that also returns, per output, the flat index h * W + w of the maximum in its input
     * plane (int64), as torch's return_indices=True.
     */
    public static ValuesIndices maxPool2dWithIndices(Tensor input, int[] kernel, int[] stride, int[] padding,
                                                    int[] dilation, boolean ceilMode) {
        return maxPool2d(input, kernel, stride, padding, dilation, ceilMode, true);
    }

    /** Max pooling; the int64 indices tensor is made only when asked for (values are null-free either way). */
    private static ValuesIndices maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                           boolean ceilMode, boolean wantIndices) {
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
        float[] out = FreshArrays.floats(pl.count * oh * ow);   // maxPlane writes every output
        // the argmax of each window, for the backward and for return_indices; not made for a forward without grad
        int[] arg = wantIndices || Autograd.needsGrad(input) ? FreshArrays.ints(out.length) : null;
        int h = pl.h;
        int w = pl.w;
        // Planes are independent: split them over the kernel threads when there is enough work.
        int grain = Math.max(1, (1 << 14) / Math.max(1, oh * ow * k[0] * k[1]));
        Parallel.forRange(pl.count, grain, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                maxPlane(x, q * h * w, h, w, out, arg, q * oh * ow, oh, ow, k, s, p, d);
            }
        });
        return withIndices(op, input, pl, oh, ow, out, arg, wantIndices);
    }

    /**
     * One plane of max pooling. Each window is clipped to the plane first, so the inner loop has no
     * bounds tests; the first element in the window seeds the maximum, then an element wins when it is
     * greater or NaN (torch's rule: a NaN anywhere makes the output NaN, at the last NaN's index).
     */
    private static void maxPlane(float[] x, int in0, int h, int w, float[] out, int[] arg, int o0, int oh, int ow,
                                 int[] k, int[] s, int[] p, int[] d) {
        if (k[0] == 2 && k[1] == 2 && s[0] == 2 && s[1] == 2 && p[0] == 0 && p[1] == 0 && d[0] == 1 && d[1] == 1
                && 2 * oh <= h && 2 * ow <= w) {
            if (VL >= 8) {
                maxPlane2x2Vector(x, in0, w, out, arg, o0, oh, ow);
            } else {
                maxPlane2x2(x, in0, w, out, arg, o0, oh, ow);
            }
            return;
        }
        int o = o0;
        for (int y = 0; y < oh; y++) {
            int hs = y * s[0] - p[0];
            int ki0 = hs < 0 ? ceilDiv(-hs, d[0]) : 0;
            int ki1 = Math.min(k[0], ceilDiv(h - hs, d[0]));
            for (int xo = 0; xo < ow; xo++, o++) {
                int ws = xo * s[1] - p[1];
                int kj0 = ws < 0 ? ceilDiv(-ws, d[1]) : 0;
                int kj1 = Math.min(k[1], ceilDiv(w - ws, d[1]));
                float best = Float.NEGATIVE_INFINITY;
                int bestAt = -1;
                if (ki0 < ki1 && kj0 < kj1) {
                    bestAt = (hs + ki0 * d[0]) * w + ws + kj0 * d[1];
                    best = x[in0 + bestAt];
                    for (int ki = ki0; ki < ki1; ki++) {
                        int row = (hs + ki * d[0]) * w + ws;
                        for (int kj = kj0; kj < kj1; kj++) {
                            int at = row + kj * d[1];
                            float v = x[in0 + at];
                            boolean take = v > best | v != v;
                            best = take ? v : best;
                            bestAt = take ? at : bestAt;
                        }
                    }
                }
                out[o] = best;
                if (arg != null) {
                    arg[o] = bestAt;
                }
            }
        }
    }

    private static final VectorSpecies<Float> VS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = VectorSpecies.of(int.class, VS.vectorShape());
    private static final int VL = VS.length();
    /** Lane i holds 2i: the in-row index of window i's left column. */
    private static final int[] EVEN = new int[VL];

    /** Two-vector shuffles: lane i takes element 2i (EVEN_S) or 2i + 1 (ODD_S) of the pair (first, second). */
    private static final VectorShuffle<Float> EVEN_S = VectorShuffle.fromOp(VS, i -> 2 * i);
    private static final VectorShuffle<Float> ODD_S = VectorShuffle.fromOp(VS, i -> 2 * i + 1);

    static {
        for (int i = 0; i < VL; i++) {
            EVEN[i] = 2 * i;
        }
    }

    /**
     * {@link #maxPlane2x2} on vector lanes: up to L windows of one output row at once, the same rule as the
     * scalar paths (an element wins when greater or NaN, so ties keep the first and a NaN wins at the last
     * NaN's index), blended lane-wise for value and index; the index work is skipped when arg is null. Each
     * chunk loads its two input rows as contiguous vectors (masked for the last chunk of a row, e.g. the
     * whole row when it has fewer than L windows, as the bench convnet's 14 and 7) and splits them into
     * left and right columns by lane shuffles; gathers, which load lane by lane, made these planes 4x slower.
     */
    private static void maxPlane2x2Vector(float[] x, int in0, int w, float[] out, int[] arg, int o0, int oh, int ow) {
        IntVector lane2 = IntVector.fromArray(IS, EVEN, 0);
        // every row ends in the same partial chunk (if any): its masks are made once per plane
        int whole = ow - ow % VL;
        VectorMask<Float> m0 = VS.indexInRange(0, 2 * (ow - whole));
        VectorMask<Float> m1 = VS.indexInRange(VL, 2 * (ow - whole));
        VectorMask<Float> keep = VS.indexInRange(0, ow - whole);
        VectorMask<Integer> keepInt = keep.cast(IS);
        for (int y = 0; y < oh; y++) {
            int r0 = in0 + 2 * y * w;
            int rel = 2 * y * w;   // index of the row in its plane
            for (int xo = 0; xo < ow; xo += VL) {
                int a0 = r0 + 2 * xo;
                int o = o0 + y * ow + xo;
                FloatVector t0;
                FloatVector t1;
                FloatVector b0;
                FloatVector b1;
                boolean partial = xo == whole;
                if (!partial) {
                    t0 = FloatVector.fromArray(VS, x, a0);
                    t1 = FloatVector.fromArray(VS, x, a0 + VL);
                    b0 = FloatVector.fromArray(VS, x, a0 + w);
                    b1 = FloatVector.fromArray(VS, x, a0 + w + VL);
                } else {
                    // masked-off lanes are neither read nor bounds-checked; they load as 0 and are not stored
                    t0 = FloatVector.fromArray(VS, x, a0, m0);
                    t1 = FloatVector.fromArray(VS, x, a0 + VL, m1);
                    b0 = FloatVector.fromArray(VS, x, a0 + w, m0);
                    b1 = FloatVector.fromArray(VS, x, a0 + w + VL, m1);
                }
                FloatVector best = t0.rearrange(EVEN_S, t1);
                FloatVector v = t0.rearrange(ODD_S, t1);
                VectorMask<Float> take1 = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                best = best.blend(v, take1);
                v = b0.rearrange(EVEN_S, b1);
                VectorMask<Float> take2 = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                best = best.blend(v, take2);
                v = b0.rearrange(ODD_S, b1);
                VectorMask<Float> take3 = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
                best = best.blend(v, take3);
                if (partial) {
                    best.intoArray(out, o, keep);
                } else {
                    best.intoArray(out, o);
                }
                if (arg != null) {
                    int base = rel + 2 * xo;
                    IntVector at = lane2.add(base)
                            .blend(lane2.add(base + 1), take1.cast(IS))
                            .blend(lane2.add(base + w), take2.cast(IS))
                            .blend(lane2.add(base + w + 1), take3.cast(IS));
                    if (partial) {
                        at.intoArray(arg, o, keepInt);
                    } else {
                        at.intoArray(arg, o);
                    }
                }
            }
        }
    }

    /**
     * The common 2x2, stride 2, unpadded window, every window inside the plane. Comparisons of random
     * data mispredict half the time, so the maximum is picked without branches on order-preserving
     * integer keys; a window holding a NaN (rare) takes the exact float path instead.
     */
    private static void maxPlane2x2(float[] x, int in0, int w, float[] out, int[] arg, int o0, int oh, int ow) {
        int o = o0;
        for (int y = 0; y < oh; y++) {
            int r0 = in0 + 2 * y * w;
            for (int xo = 0; xo < ow; xo++, o++) {
                int a0 = r0 + 2 * xo;
                int a2 = a0 + w;
                float v0 = x[a0];
                float v1 = x[a0 + 1];
                float v2 = x[a2];
                float v3 = x[a2 + 1];
                int at;
                if ((v0 != v0) | (v1 != v1) | (v2 != v2) | (v3 != v3)) {
                    at = firstMaxOrLastNaN(x, a0, a0 + 1, a2, a2 + 1);
                } else {
                    int best = key(v0);
                    at = a0;
                    int k = key(v1);
                    int m = (int) (((long) best - k) >> 63);   // -1 when k > best
                    best ^= (best ^ k) & m;
                    at ^= (at ^ (a0 + 1)) & m;
                    k = key(v2);
                    m = (int) (((long) best - k) >> 63);
                    best ^= (best ^ k) & m;
                    at ^= (at ^ a2) & m;
                    k = key(v3);
                    m = (int) (((long) best - k) >> 63);
                    at ^= (at ^ (a2 + 1)) & m;
                }
                out[o] = x[at];
                if (arg != null) {
                    arg[o] = at - in0;
                }
            }
        }
    }

    /**
     * An int that orders as the float does for non-NaN values, with -0 and +0 equal (so the first of a
     * tie wins, as with float comparison).
     */
    private static int key(float v) {
        int i = Float.floatToRawIntBits(v + 0f);   // -0 + 0 = +0
        return i ^ ((i >> 31) & 0x7fffffff);
    }

    /** torch's rule on four positions in window order: greater wins, and any NaN wins over what came before. */
    private static int firstMaxOrLastNaN(float[] x, int i0, int i1, int i2, int i3) {
        int at = i0;
        float best = x[i0];
        for (int i : new int[] {i1, i2, i3}) {
            float v = x[i];
            if (v > best || v != v) {
                best = v;
                at = i;
            }
        }
        return at;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
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
        return withIndices(op, input, pl, outH, outW, out, arg, true);
    }

    /** Adaptive max pooling of (N, C, L) or (C, L) to length out. */
    public static Tensor adaptiveMaxPool1d(Tensor input, int out) {
        require1d("adaptive_max_pool1d", input);
        return adaptiveMaxPool2d(input.unsqueeze(-2), 1, out).squeeze(-2);
    }

    /** Wraps max-pool results and records the backward that routes each gradient to its argmax. */
    private static ValuesIndices withIndices(String op, Tensor input, Planes pl, int oh, int ow, float[] out, int[] arg,
                                             boolean wantIndices) {
        Tensor values = Tensor.wrap(out, pl.outShape(input, oh, ow));
        if (arg == null) {   // no indices asked for and no gradient to route
            return new ValuesIndices(values, null);
        }
        Tensor indices = null;
        if (wantIndices) {
            long[] idx = new long[arg.length];
            for (int i = 0; i < arg.length; i++) {
                idx[i] = arg[i];
            }
            indices = Tensor.ofLongs(idx, pl.outShape(input, oh, ow));
        }
        int hw = pl.h * pl.w;
        int ohw = oh * ow;
        Autograd.record(values, op, new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            // Each plane scatters only into its own part of dx, so planes can run in parallel; each zeroes its
            // part just before (while it is in cache) instead of the JVM zeroing all of dx in a pass of its own.
            float[] dx = FreshArrays.floats(input.numel());
            Parallel.forRange(pl.count, Math.max(1, (1 << 15) / Math.max(1, ohw)), (q0, q1) -> {
                for (int q = q0; q < q1; q++) {
                    int in0 = q * hw;
                    int o0 = q * ohw;
                    Arrays.fill(dx, in0, in0 + hw, 0f);
                    for (int i = 0; i < ohw; i++) {
                        int a = arg[o0 + i];
                        if (a >= 0) {
                            dx[in0 + a] += go[o0 + i];
                        }
                    }
                }
            });
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
