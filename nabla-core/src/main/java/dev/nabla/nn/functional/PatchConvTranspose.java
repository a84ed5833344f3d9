package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.Parallel;
import dev.nabla.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * conv_transpose2d whose kernel equals its stride (kh = sh, kw = sw), with no padding, dilation 1 and
 * one group, e.g. the 2x2 stride-2 upsampling of a U-Net decoder. Each input pixel then writes its own
 * kh x kw output patch and patches never overlap, so the op is one GEMM per image,
 * Y (cout * kh * kw, h * w) = W^T (cout * kh * kw, cin) @ X (cin, h * w), followed by a scatter of Y's
 * rows to the patch positions: no col2im accumulation. Its input gradient is W @ G and its weight
 * gradient the sum over images of X @ G^T, where G (cout * kh * kw, h * w) gathers the output gradient
 * back from the patch positions. output_padding adds rows / columns at the bottom / right that no patch
 * covers: they hold the bias alone.
 *
 * <p>Images are split over the threads (each runs whole single-threaded GEMMs, no hand-off inside a
 * GEMM); with fewer images than threads the GEMMs split themselves. Each image goes in bands of rows
 * whose Y / G block stays in L2 between the GEMM and the scatter / gather. The weight gradient is summed
 * per thread over its contiguous range of images, then the threads' sums are added in order. Measured
 * on segnet's decoder (batch 8, 2 threads, best of 30): ConvT(128,64,2,s2) at 32x32 forward 3.2 -> 2.5 ms,
 * backward 11.0 -> 5.1 ms; ConvT(64,32,2,s2) at 64x64 6.0 -> 3.9 ms, 16.8 -> 7.1 ms (col2im path before).
 */
final class PatchConvTranspose {
    private static final VectorSpecies<Float> VS = FloatVector.SPECIES_PREFERRED;
    private static final int VL = VS.length();
    // Two-vector shuffles (an index past the first vector's lanes picks from the second): lane i of EVEN /
    // ODD takes element 2i / 2i + 1 of the pair; ZIP_LO / ZIP_HI interleave the first / second halves.
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(VS, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(VS, i -> 2 * i + 1);
    private static final VectorShuffle<Float> ZIP_LO = VectorShuffle.fromOp(VS, i -> i / 2 + (i % 2) * VL);
    private static final VectorShuffle<Float> ZIP_HI = VectorShuffle.fromOp(VS, i -> VL / 2 + i / 2 + (i % 2) * VL);

    /** Per-thread Y / G buffer, reused from call to call. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private PatchConvTranspose() {
    }

    /** Whether this geometry is a patch scatter (see the class comment). */
    static boolean applies(int kh, int kw, int[] stride, int[] padding, int[] dilation, int groups) {
        return groups == 1 && kh == stride[0] && kw == stride[1] && padding[0] == 0 && padding[1] == 0
                && dilation[0] == 1 && dilation[1] == 1;
    }

    /**
     * input (n, cin, h, w), weight (cin, cout, kh, kw), bias (cout) or null; output (n, cout, oh, ow) with
     * oh = h * kh + output_padding_h, ow = w * kw + output_padding_w. Arguments are already checked.
     */
    static Tensor apply(String op, Tensor input, Tensor weight, Tensor bias, int oh, int ow) {
        int n = input.size(0);
        int cin = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        int cout = weight.size(1);
        int kh = weight.size(2);
        int kw = weight.size(3);
        int rows = cout * kh * kw;
        int hw = h * w;
        float[] x = input.contiguousFloats();
        float[] wt = weight.contiguousFloats();
        float[] b = bias == null ? null : bias.contiguousFloats();
        float[] out = new float[n * cout * oh * ow];
        Kernels kern = KernelProvider.get();
        int band = band(rows, h, w);
        overImages(n, (long) rows * hw * cin, (lo, hi) -> {
            float[] y = scratch(rows * band * w);
            for (int ni = lo; ni < hi; ni++) {
                for (int i0 = 0; i0 < h; i0 += band) {
                    // Y for image rows [i0, i1): (cout*kh*kw, cin) @ (cin, cols), then to the patches
                    int cols = (Math.min(h, i0 + band) - i0) * w;
                    kern.gemm(true, false, rows, cols, cin, 1f, wt, 0, rows, x, ni * cin * hw + i0 * w, hw, 0f,
                            y, 0, cols);
                    scatter(y, cols, i0, cout, kh, kw, w, b, out, ni * cout * oh * ow, oh, ow);
                }
                padBias(cout, h * kh, w * kw, b, out, ni * cout * oh * ow, oh, ow);
            }
        });
        Tensor result = Tensor.wrap(out, n, cout, oh, ow);
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] go = gOut.contiguousFloats();
            boolean wantX = input.requiresGrad();
            boolean wantW = weight.requiresGrad();
            float[] dx = wantX ? new float[n * cin * hw] : null;
            float[] dw = wantW ? new float[cin * rows] : null;
            if (wantX || wantW) {
                int parts = Math.min(n, Parallel.threads());
                float[][] partial = new float[parts][];
                long macs = (long) rows * hw * cin * ((wantX ? 1 : 0) + (wantW ? 1 : 0));
                overImages(n, macs, parts, (part, lo, hi) -> {
                    float[] g = scratch(rows * band * w);
                    float[] acc = wantW ? (part == 0 ? dw : new float[cin * rows]) : null;
                    partial[part] = acc;
                    for (int ni = lo; ni < hi; ni++) {
                        for (int i0 = 0; i0 < h; i0 += band) {
                            int cols = (Math.min(h, i0 + band) - i0) * w;
                            int xo = ni * cin * hw + i0 * w;
                            gather(go, ni * cout * oh * ow, oh, ow, cols, i0, cout, kh, kw, w, g);
                            if (wantX) {
                                // (cin, cout*kh*kw) @ (cout*kh*kw, cols)
                                kern.gemm(false, false, cin, cols, rows, 1f, wt, 0, rows, g, 0, cols, 0f, dx, xo, hw);
                            }
                            if (wantW) {
                                // (cin, cols) @ (cols, cout*kh*kw), summed over this part's images and bands
                                kern.gemm(false, true, cin, rows, cols, 1f, x, xo, hw, g, 0, cols,
                                        ni == lo && i0 == 0 ? 0f : 1f, acc, 0, rows);
                            }
                        }
                    }
                });
                if (wantW) {
                    for (int p = 1; p < parts; p++) {
                        if (partial[p] != null) {
                            kern.axpy(dw.length, 1f, partial[p], 0, dw, 0);
                        }
                    }
                }
            }
            Tensor gb = bias != null && bias.requiresGrad()
                    ? Tensor.wrap(Convolution.channelSums(go, n, cout, oh * ow), cout) : null;
            return new Tensor[] {dx == null ? null : Tensor.wrap(dx, input.shape()),
                    dw == null ? null : Tensor.wrap(dw, weight.shape()), gb};
        });
    }

    /** A body over the images [lo, hi) of one contiguous part. */
    private interface PartBody {
        void run(int part, int lo, int hi);
    }

    private static void overImages(int n, long macsPerImage, Parallel.RangeBody body) {
        overImages(n, macsPerImage, Math.min(n, Parallel.threads()), (part, lo, hi) -> body.run(lo, hi));
    }

    /**
     * Runs body on {@code parts} contiguous ranges of the n images, one per thread; with one part (fewer
     * images than threads, or small work) the caller runs it and the GEMMs inside split themselves.
     */
    private static void overImages(int n, long macsPerImage, int parts, PartBody body) {
        if (parts <= 1 || n * macsPerImage < (1L << 21)) {
            if (parts <= 1) {
                body.run(0, 0, n);
            } else {
                for (int p = 0; p < parts; p++) {
                    body.run(p, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts));
                }
            }
            return;
        }
        Parallel.forTasks(parts, parts, p -> body.run(p, (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Image rows per band: the band's Y (or G) block, cout*kh*kw rows x band*w columns, is kept near
     * 128K floats so it stays in L2 between the GEMM that writes it and the scatter that reads it.
     */
    private static int band(int rows, int h, int w) {
        return Math.max(1, Math.min(h, BAND_FLOATS / Math.max(1, rows * w)));
    }

    private static final int BAND_FLOATS = 1 << 17;

    /**
     * Writes the band of Y (cout*kh*kw, cols) for image rows from i0 to the patches of out (cout, oh, ow)
     * at oOff: out[co, i*kh + a, j*kw + bb] = y[(co*kh + a)*kw + bb, (i - i0)*w + j] + bias[co], one
     * output row at a time (its kw source rows interleaved), so every output line is written once.
     */
    private static void scatter(float[] y, int cols, int i0, int cout, int kh, int kw, int w, float[] bias,
                                float[] out, int oOff, int oh, int ow) {
        int bandRows = cols / w;
        for (int co = 0; co < cout; co++) {
            float bv = bias == null ? 0f : bias[co];
            int plane = oOff + co * oh * ow;
            for (int a = 0; a < kh; a++) {
                int src = (co * kh + a) * kw * cols;
                for (int i = 0; i < bandRows; i++) {
                    int dst = plane + ((i0 + i) * kh + a) * ow;
                    int s = src + i * w;
                    if (kw == 2) {
                        int j = 0;
                        if (VL >= 4) {
                            // interleave L columns of the two source rows by lane shuffles: 2L contiguous outputs
                            FloatVector bvec = FloatVector.broadcast(VS, bv);
                            for (; j + VL <= w; j += VL) {
                                FloatVector y0 = FloatVector.fromArray(VS, y, s + j).add(bvec);
                                FloatVector y1 = FloatVector.fromArray(VS, y, s + cols + j).add(bvec);
                                y0.rearrange(ZIP_LO, y1).intoArray(out, dst + 2 * j);
                                y0.rearrange(ZIP_HI, y1).intoArray(out, dst + 2 * j + VL);
                            }
                        }
                        for (; j < w; j++) {
                            out[dst + 2 * j] = y[s + j] + bv;
                            out[dst + 2 * j + 1] = y[s + cols + j] + bv;
                        }
                    } else {
                        for (int j = 0; j < w; j++) {
                            for (int bb = 0; bb < kw; bb++) {
                                out[dst + j * kw + bb] = y[s + bb * cols + j] + bv;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Rows and columns past h*kh, w*kw (output_padding): no patch covers them, they hold the bias alone. */
    private static void padBias(int cout, int coveredH, int coveredW, float[] bias, float[] out, int oOff, int oh,
                                int ow) {
        if (bias == null || (coveredH == oh && coveredW == ow)) {
            return;
        }
        for (int co = 0; co < cout; co++) {
            int plane = oOff + co * oh * ow;
            for (int r = 0; r < oh; r++) {
                int from = r < coveredH ? coveredW : 0;
                java.util.Arrays.fill(out, plane + r * ow + from, plane + (r + 1) * ow, bias[co]);
            }
        }
    }

    /**
     * The adjoint of {@link #scatter} without bias, for the band of image rows from i0:
     * g[(co*kh + a)*kw + bb, (i - i0)*w + j] = go[co, i*kh + a, j*kw + bb]; each gradient row is read once.
     */
    private static void gather(float[] go, int gOff, int oh, int ow, int cols, int i0, int cout, int kh, int kw,
                               int w, float[] g) {
        int bandRows = cols / w;
        for (int co = 0; co < cout; co++) {
            int plane = gOff + co * oh * ow;
            for (int a = 0; a < kh; a++) {
                int dst = (co * kh + a) * kw * cols;
                for (int i = 0; i < bandRows; i++) {
                    int src = plane + ((i0 + i) * kh + a) * ow;
                    int d = dst + i * w;
                    if (kw == 2) {
                        int j = 0;
                        if (VL >= 4) {
                            // split 2L contiguous gradients into their even and odd columns by lane shuffles
                            for (; j + VL <= w; j += VL) {
                                FloatVector t0 = FloatVector.fromArray(VS, go, src + 2 * j);
                                FloatVector t1 = FloatVector.fromArray(VS, go, src + 2 * j + VL);
                                t0.rearrange(EVEN, t1).intoArray(g, d + j);
                                t0.rearrange(ODD, t1).intoArray(g, d + cols + j);
                            }
                        }
                        for (; j < w; j++) {
                            g[d + j] = go[src + 2 * j];
                            g[d + cols + j] = go[src + 2 * j + 1];
                        }
                    } else {
                        for (int j = 0; j < w; j++) {
                            for (int bb = 0; bb < kw; bb++) {
                                g[d + bb * cols + j] = go[src + j * kw + bb];
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] scratch(int size) {
        float[][] s = SCRATCH.get();
        if (s[0].length < size) {
            s[0] = new float[size];
        }
        return s[0];
    }
}
