package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Resizing, as {@code torch.nn.functional.interpolate}: modes "nearest", "nearest-exact" and "area"
 * on 3-D (N, C, L) or 4-D (N, C, H, W) input, "linear" on 3-D, "bilinear" and "bicubic" on 4-D, with torch's
 * source-index formulas, so values match PyTorch for every size and scale.
 *
 * <p>All modes share one separable kernel: each output row (column) reads a few source rows
 * (columns) with weights: one for nearest, two for linear, four for cubic.
 *
 * <pre>{@code
 * Tensor up = Resampling.interpolate(x, null, new double[] {2}, "nearest", null); // (N, C, 2H, 2W)
 * }</pre>
 */
public final class Resampling {
    private Resampling() {
    }

    /**
     * Resizes the trailing spatial dims. Give exactly one of {@code size} (one value for all dims, or
     * one per dim) and {@code scaleFactor} (output = floor(input * scale)). alignCorners must be null
     * for nearest modes; for linear modes null means false.
     */
    public static Tensor interpolate(Tensor input, int[] size, double[] scaleFactor, String mode,
                                     Boolean alignCorners) {
        return interpolate(input, size, scaleFactor, mode, alignCorners, null);
    }

    /**
     * As {@link #interpolate(Tensor, int[], double[], String, Boolean)}; with recomputeScaleFactor true
     * a scale factor only sets the output size, and the source indices then use input / output as
     * when a size is given.
     */
    public static Tensor interpolate(Tensor input, int[] size, double[] scaleFactor, String mode,
                                     Boolean alignCorners, Boolean recomputeScaleFactor) {
        return interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor, false);
    }

    /**
     * As {@link #interpolate(Tensor, int[], double[], String, Boolean, Boolean)}; antialias (bilinear and
     * bicubic only) low-pass filters when downsampling, as torch's antialias=True.
     */
    public static Tensor interpolate(Tensor input, int[] size, double[] scaleFactor, String mode,
                                     Boolean alignCorners, Boolean recomputeScaleFactor, boolean antialias) {
        String op = "interpolate";
        if (antialias && !mode.equals("bilinear") && !mode.equals("bicubic")) {
            throw new IllegalArgumentException(op + ": anti-alias option is only supported for bilinear and bicubic"
                    + " modes, not '" + mode + "'");
        }
        if (input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 input, got " + input.dtype().torchName());
        }
        int rank = input.dim();
        int spatial = rank - 2;
        boolean nearest = mode.equals("nearest") || mode.equals("nearest-exact") || mode.equals("area");
        switch (mode) {
            case "nearest", "nearest-exact", "area" -> {
                if (rank != 3 && rank != 4) {
                    throw new IllegalArgumentException(op + ": mode '" + mode + "' needs 3-D or 4-D input, got "
                            + rank + "-D " + Arrays.toString(input.shape()));
                }
            }
            case "linear" -> {
                if (rank != 3) {
                    throw new IllegalArgumentException(op + ": got " + rank + "-D input "
                            + Arrays.toString(input.shape()) + ", but linear mode needs 3-D input");
                }
            }
            case "bilinear", "bicubic" -> {
                if (rank != 4) {
                    throw new IllegalArgumentException(op + ": got " + rank + "-D input "
                            + Arrays.toString(input.shape()) + ", but " + mode + " mode needs 4-D input");
                }
            }
            default -> throw new IllegalArgumentException(op + ": mode '" + mode
                    + "' is not supported (expected nearest, nearest-exact, area, linear, bilinear or bicubic)");
        }
        if (nearest && alignCorners != null) {
            throw new IllegalArgumentException(op + ": align_corners can only be set with the interpolating modes "
                    + "linear, bilinear and bicubic, not '" + mode + "'");
        }
        boolean corners = alignCorners != null && alignCorners;
        if ((size == null) == (scaleFactor == null)) {
            throw new IllegalArgumentException(op + ": give exactly one of size and scale_factor");
        }
        int[] in = new int[spatial];
        for (int i = 0; i < spatial; i++) {
            in[i] = input.size(2 + i);
        }
        int[] out = new int[spatial];
        double[] scales = new double[spatial];   // torch's optional scale: NaN when absent
        Arrays.fill(scales, Double.NaN);
        if (size != null) {
            if (size.length != 1 && size.length != spatial) {
                throw new IllegalArgumentException(op + ": size " + Arrays.toString(size) + " must have 1 or "
                        + spatial + " values for input " + Arrays.toString(input.shape()));
            }
            for (int i = 0; i < spatial; i++) {
                out[i] = size[size.length == 1 ? 0 : i];
            }
        } else {
            if (scaleFactor.length != 1 && scaleFactor.length != spatial) {
                throw new IllegalArgumentException(op + ": scale_factor " + Arrays.toString(scaleFactor)
                        + " must have 1 or " + spatial + " values for input " + Arrays.toString(input.shape()));
            }
            for (int i = 0; i < spatial; i++) {
                scales[i] = scaleFactor[scaleFactor.length == 1 ? 0 : i];
                if (!(scales[i] > 0)) {
                    throw new IllegalArgumentException(op + ": scale_factor must be positive, got "
                            + Arrays.toString(scaleFactor));
                }
                out[i] = (int) Math.floor(in[i] * scales[i]);
            }
        }
        for (int i = 0; i < spatial; i++) {
            if (out[i] <= 0 || in[i] <= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: input %s and output size %s should be greater than 0", op,
                        Arrays.toString(input.shape()), Arrays.toString(out)));
            }
        }
        if (recomputeScaleFactor != null && recomputeScaleFactor) {
            if (size != null) {
                throw new IllegalArgumentException(op + ": recompute_scale_factor is not meaningful with an explicit"
                        + " size");
            }
            Arrays.fill(scales, Double.NaN);
        }
        if (mode.equals("area")) {
            // torch's area mode is adaptive average pooling to the output size.
            return spatial == 2 ? Pooling.adaptiveAvgPool2d(input, out[0], out[1])
                    : Pooling.adaptiveAvgPool1d(input, out[0]);
        }
        if (antialias) {
            return AntialiasResampling.resize(input, out[0], out[1], scales[0], scales[1], corners,
                    mode.equals("bicubic"));
        }
        // Seen as (N*C, H, W); 1-D input gets an identity H axis of size 1.
        int h = spatial == 2 ? in[0] : 1;
        int w = in[spatial - 1];
        int oh = spatial == 2 ? out[0] : 1;
        int ow = out[spatial - 1];
        Axis ay = spatial == 2 ? Axis.of(mode, h, oh, scales[0], corners) : Axis.of("nearest", 1, 1, Double.NaN, false);
        Axis ax = Axis.of(mode, w, ow, scales[spatial - 1], corners);
        int[] outShape = input.shape().clone();
        for (int i = 0; i < spatial; i++) {
            outShape[2 + i] = out[i];
        }
        return resample(input, ay, ax, h, w, oh, ow, outShape);
    }

    /**
     * Rearranges (*, C r^2, H, W) into (*, C, H r, W r): out[c, h r + i, w r + j] = in[c r^2 + i r + j, h, w]
     * (Shi et al. 2016, sub-pixel convolution). A view-and-copy, so the gradient is the inverse shuffle.
     */
    public static Tensor pixelShuffle(Tensor input, int upscaleFactor) {
        String op = "pixel_shuffle";
        int r = upscaleFactor;
        if (input.dim() < 3 || r <= 0 || input.size(-3) % (r * r) != 0) {
            throw new IllegalArgumentException(op + ": expected input of at least 3 dims whose channel dim (-3) is "
                    + "divisible by upscale_factor^2 = " + (long) r * r + ", got " + Arrays.toString(input.shape()));
        }
        int[] sh = input.shape();
        int lead = sh.length - 3;
        int c = sh[lead] / (r * r);
        int h = sh[lead + 1];
        int w = sh[lead + 2];
        int batch = input.numel() / Math.max(1, sh[lead] * h * w);
        Tensor t = input.reshape(batch, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3);
        int[] out = sh.clone();
        out[lead] = c;
        out[lead + 1] = h * r;
        out[lead + 2] = w * r;
        return t.reshape(out);
    }

    /** The inverse of {@link #pixelShuffle}: (*, C, H r, W r) into (*, C r^2, H, W). */
    public static Tensor pixelUnshuffle(Tensor input, int downscaleFactor) {
        String op = "pixel_unshuffle";
        int r = downscaleFactor;
        if (input.dim() < 3 || r <= 0 || input.size(-2) % r != 0 || input.size(-1) % r != 0) {
            throw new IllegalArgumentException(op + ": expected input of at least 3 dims whose height and width are "
                    + "divisible by downscale_factor " + r + ", got " + Arrays.toString(input.shape()));
        }
        int[] sh = input.shape();
        int lead = sh.length - 3;
        int c = sh[lead];
        int h = sh[lead + 1] / r;
        int w = sh[lead + 2] / r;
        int batch = input.numel() / Math.max(1, c * sh[lead + 1] * sh[lead + 2]);
        Tensor t = input.reshape(batch, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4);
        int[] out = sh.clone();
        out[lead] = c * r * r;
        out[lead + 1] = h;
        out[lead + 2] = w;
        return t.reshape(out);
    }

    /**
     * Source taps for one axis: output i reads idx[i * taps + t] with weight wt[i * taps + t], for
     * t < taps (1 for nearest, 2 for linear, 4 for cubic).
     */
    private record Axis(int taps, int[] idx, float[] wt) {
        static Axis of(String mode, int in, int out, double scale, boolean alignCorners) {
            if (mode.startsWith("nearest")) {
                int[] idx = new int[out];
                float[] wt = new float[out];
                // torch computes the nearest scale in float: 1/scale_factor when given, else in/out.
                float sc = !Double.isNaN(scale) ? (float) (1.0 / scale) : (float) in / out;
                boolean exact = mode.equals("nearest-exact");
                for (int i = 0; i < out; i++) {
                    if (out == in) {
                        idx[i] = i;
                    } else if (exact) {
                        idx[i] = Math.min((int) Math.floor((i + 0.5f) * sc), in - 1);
                    } else {
                        idx[i] = Math.min((int) Math.floor(i * sc), in - 1);
                    }
                    wt[i] = 1f;
                }
                return new Axis(1, idx, wt);
            }
            double ratio;
            if (alignCorners) {
                ratio = out > 1 ? (double) (in - 1) / (out - 1) : 0.0;
            } else {
                ratio = !Double.isNaN(scale) ? 1.0 / scale : (double) in / out;
            }
            return mode.equals("bicubic") ? cubic(in, out, ratio, alignCorners) : linear(in, out, ratio, alignCorners);
        }

        /** torch's linear source index: clamped at 0 without align_corners; the upper tap stops at the edge. */
        private static Axis linear(int in, int out, double ratio, boolean alignCorners) {
            int[] idx = new int[2 * out];
            float[] wt = new float[2 * out];
            for (int i = 0; i < out; i++) {
                if (in == out) {
                    idx[2 * i] = i;
                    idx[2 * i + 1] = i;
                    wt[2 * i] = 1f;
                    continue;
                }
                double src = alignCorners ? ratio * i : Math.max(ratio * (i + 0.5) - 0.5, 0.0);
                int a = (int) src;
                double lam = Math.min(Math.max(src - a, 0.0), 1.0);
                idx[2 * i] = a;
                idx[2 * i + 1] = a + (a < in - 1 ? 1 : 0);
                wt[2 * i] = (float) (1.0 - lam);
                wt[2 * i + 1] = (float) lam;
            }
            return new Axis(2, idx, wt);
        }

        /**
         * torch's bicubic taps: Keys' cubic convolution with A = -0.75 on the four pixels around the
         * (unclamped) source index, each index clamped to the image.
         */
        private static Axis cubic(int in, int out, double ratio, boolean alignCorners) {
            int[] idx = new int[4 * out];
            float[] wt = new float[4 * out];
            double a = -0.75;
            for (int i = 0; i < out; i++) {
                if (in == out) {
                    for (int t = 0; t < 4; t++) {
                        idx[4 * i + t] = i;
                    }
                    wt[4 * i + 1] = 1f;
                    continue;
                }
                double src = alignCorners ? ratio * i : ratio * (i + 0.5) - 0.5;
                int base = (int) Math.floor(src);
                double t = src - base;
                double[] c = {
                    ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
                    ((a + 2) * t - (a + 3)) * t * t + 1,
                    ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
                    ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a};
                for (int k = 0; k < 4; k++) {
                    idx[4 * i + k] = Math.min(Math.max(base - 1 + k, 0), in - 1);
                    wt[4 * i + k] = (float) c[k];
                }
            }
            return new Axis(4, idx, wt);
        }
    }

    private static Tensor resample(Tensor input, Axis ay, Axis ax, int h, int w, int oh, int ow, int[] outShape) {
        float[] x = input.contiguousFloats();
        int planes = input.numel() / (h * w);
        int ty = ay.taps();
        int tx = ax.taps();
        int[] yi = ay.idx();
        int[] xi = ax.idx();
        float[] yw = ay.wt();
        float[] xw = ax.wt();
        float[] out = new float[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            int in0 = q * h * w;
            int o = q * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    float acc = 0f;
                    for (int a = 0; a < ty; a++) {
                        int row = in0 + yi[y * ty + a] * w;
                        float rowAcc = 0f;
                        for (int b = 0; b < tx; b++) {
                            rowAcc += xw[xo * tx + b] * x[row + xi[xo * tx + b]];
                        }
                        acc += yw[y * ty + a] * rowAcc;
                    }
                    out[o] = acc;
                }
            }
        }
        Tensor result = Tensor.wrap(out, outShape);
        return Autograd.record(result, "interpolate", new Tensor[] {input}, gOut -> {
            float[] go = gOut.contiguousFloats();
            float[] dx = new float[input.numel()];
            for (int q = 0; q < planes; q++) {
                int in0 = q * h * w;
                int o = q * oh * ow;
                for (int y = 0; y < oh; y++) {
                    for (int xo = 0; xo < ow; xo++, o++) {
                        float g = go[o];
                        for (int a = 0; a < ty; a++) {
                            int row = in0 + yi[y * ty + a] * w;
                            float ga = g * yw[y * ty + a];
                            for (int b = 0; b < tx; b++) {
                                dx[row + xi[xo * tx + b]] += ga * xw[xo * tx + b];
                            }
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
    }
}
