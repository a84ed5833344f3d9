package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Resizing, as {@code torch.nn.functional.interpolate}: modes "nearest", "nearest-exact" and "area"
 * on 3-D (N, C, L) or 4-D (N, C, H, W) input, "linear" on 3-D and "bilinear" on 4-D, with torch's
 * source-index formulas, so values match PyTorch for every size and scale.
 *
 * <p>All modes share one separable kernel: each output row (column) reads two source rows
 * (columns) with weights; nearest uses one of them with weight 1.
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
        String op = "interpolate";
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
            case "bilinear" -> {
                if (rank != 4) {
                    throw new IllegalArgumentException(op + ": got " + rank + "-D input "
                            + Arrays.toString(input.shape()) + ", but bilinear mode needs 4-D input");
                }
            }
            default -> throw new IllegalArgumentException(op + ": mode '" + mode
                    + "' is not supported (expected nearest, nearest-exact, area, linear or bilinear)");
        }
        if (nearest && alignCorners != null) {
            throw new IllegalArgumentException(op + ": align_corners can only be set with the interpolating modes "
                    + "linear and bilinear, not '" + mode + "'");
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
     * Source taps for one axis: output i reads i0[i] with weight l0[i] and i1[i] with weight l1[i].
     */
    private record Axis(int[] i0, int[] i1, float[] l0, float[] l1) {
        static Axis of(String mode, int in, int out, double scale, boolean alignCorners) {
            int[] i0 = new int[out];
            int[] i1 = new int[out];
            float[] l0 = new float[out];
            float[] l1 = new float[out];
            if (mode.startsWith("nearest")) {
                // torch computes the nearest scale in float: 1/scale_factor when given, else in/out.
                float sc = !Double.isNaN(scale) ? (float) (1.0 / scale) : (float) in / out;
                boolean exact = mode.equals("nearest-exact");
                for (int i = 0; i < out; i++) {
                    int src;
                    if (out == in) {
                        src = i;
                    } else if (exact) {
                        src = Math.min((int) Math.floor((i + 0.5f) * sc), in - 1);
                    } else {
                        src = Math.min((int) Math.floor(i * sc), in - 1);
                    }
                    i0[i] = src;
                    i1[i] = src;
                    l0[i] = 1f;
                }
                return new Axis(i0, i1, l0, l1);
            }
            double ratio;
            if (alignCorners) {
                ratio = out > 1 ? (double) (in - 1) / (out - 1) : 0.0;
            } else {
                ratio = !Double.isNaN(scale) ? 1.0 / scale : (double) in / out;
            }
            for (int i = 0; i < out; i++) {
                if (in == out) {
                    i0[i] = i;
                    i1[i] = i;
                    l0[i] = 1f;
                    continue;
                }
                double src = alignCorners ? ratio * i : Math.max(ratio * (i + 0.5) - 0.5, 0.0);
                int a = (int) src;
                i0[i] = a;
                i1[i] = a + (a < in - 1 ? 1 : 0);
                double lam = Math.min(Math.max(src - a, 0.0), 1.0);
                l1[i] = (float) lam;
                l0[i] = (float) (1.0 - lam);
            }
            return new Axis(i0, i1, l0, l1);
        }
    }

    private static Tensor resample(Tensor input, Axis ay, Axis ax, int h, int w, int oh, int ow, int[] outShape) {
        float[] x = input.contiguousFloats();
        int planes = input.numel() / (h * w);
        float[] out = new float[planes * oh * ow];
        for (int q = 0; q < planes; q++) {
            int in0 = q * h * w;
            int o = q * oh * ow;
            for (int y = 0; y < oh; y++) {
                int r0 = in0 + ay.i0[y] * w;
                int r1 = in0 + ay.i1[y] * w;
                float a0 = ay.l0[y];
                float a1 = ay.l1[y];
                for (int xo = 0; xo < ow; xo++, o++) {
                    int c0 = ax.i0[xo];
                    int c1 = ax.i1[xo];
                    float b0 = ax.l0[xo];
                    float b1 = ax.l1[xo];
                    out[o] = a0 * (b0 * x[r0 + c0] + b1 * x[r0 + c1]) + a1 * (b0 * x[r1 + c0] + b1 * x[r1 + c1]);
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
                    int r0 = in0 + ay.i0[y] * w;
                    int r1 = in0 + ay.i1[y] * w;
                    float a0 = ay.l0[y];
                    float a1 = ay.l1[y];
                    for (int xo = 0; xo < ow; xo++, o++) {
                        float g = go[o];
                        int c0 = ax.i0[xo];
                        int c1 = ax.i1[xo];
                        float b0 = ax.l0[xo];
                        float b1 = ax.l1[xo];
                        dx[r0 + c0] += a0 * b0 * g;
                        dx[r0 + c1] += a0 * b1 * g;
                        dx[r1 + c0] += a1 * b0 * g;
                        dx[r1 + c1] += a1 * b1 * g;
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(dx, input.shape())};
        });
    }
}
