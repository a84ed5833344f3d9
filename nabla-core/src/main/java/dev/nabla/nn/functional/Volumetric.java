package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Volumetric (N, C, D, H, W) ops as torch.nn.functional's conv3d, adaptive_avg_pool3d and
 * adaptive_max_pool3d, built on their 2-D counterparts over depth slices (a 3-D convolution is
 * the sum over kernel depth taps of 2-D convolutions; adaptive windows are separable), so
 * autograd comes from the recorded 2-D ops. Unbatched (C, D, H, W) input is accepted.
 *
 * <pre>{@code
 * Tensor y = Volumetric.conv3d(x, w, b, new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1);
 * }</pre>
 */
public final class Volumetric {
    private Volumetric() {
    }

    /**
     * @param input  (N, C, D, H, W) or (C, D, H, W)
     * @param weight (O, C / groups, kD, kH, kW)
     * @param bias   (O) or null
     */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        String op = "conv3d";
        boolean batched = input.dim() == 5;
        if (!batched && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 4-D (unbatched) or 5-D input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 5) {
            throw new IllegalArgumentException(op + ": expected a 5-D weight (out, in / groups, kD, kH, kW), got "
                    + Arrays.toString(weight.shape()));
        }
        Tensor x = batched ? input : input.unsqueeze(0);
        if (x.size(1) != weight.size(1) * groups) {
            throw new IllegalArgumentException(op + ": input has " + x.size(1) + " channels but weight expects "
                    + weight.size(1) * groups + " (" + weight.size(1) + " per group x " + groups + " groups) (input "
                    + Arrays.toString(input.shape()) + ", weight " + Arrays.toString(weight.shape()) + ")");
        }
        int kd = weight.size(2);
        int sd = stride[0];
        int pd = padding[0];
        int dd = dilation[0];
        if (sd < 1 || dd < 1 || pd < 0) {
            throw new IllegalArgumentException(op + ": stride and dilation must be positive and padding non-negative,"
                    + " got stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding)
                    + ", dilation " + Arrays.toString(dilation));
        }
        int depth = x.size(2);
        int outD = (depth + 2 * pd - dd * (kd - 1) - 1) / sd + 1;
        if (depth + 2 * pd - dd * (kd - 1) - 1 < 0) {
            throw new IllegalArgumentException(op + ": kernel depth " + kd + " (dilation " + dd + ") is larger than the"
                    + " padded input depth " + (depth + 2 * pd) + " (input " + Arrays.toString(input.shape()) + ")");
        }
        int[] s2 = {stride[1], stride[2]};
        int[] p2 = {padding[1], padding[2]};
        int[] d2 = {dilation[1], dilation[2]};
        Tensor[] taps = new Tensor[kd];
        for (int k = 0; k < kd; k++) {
            taps[k] = weight.select(2, k);   // (O, C / g, kH, kW)
        }
        Tensor[] slices = new Tensor[outD];
        for (int o = 0; o < outD; o++) {
            Tensor acc = null;
            for (int k = 0; k < kd; k++) {
                int z = o * sd + k * dd - pd;
                if (z < 0 || z >= depth) {
                    continue;   // a zero-padded depth slice contributes nothing
                }
                Tensor t = Convolution.conv2d(x.select(2, z), taps[k], null, s2, p2, d2, groups);
                acc = acc == null ? t : acc.add(t);
            }
            if (acc == null) {
                // Every tap fell into the padding: the 2-D output size with zeros.
                Tensor t = Convolution.conv2d(x.select(2, 0), taps[0], null, s2, p2, d2, groups);
                acc = t.mul(0.0);
            }
            slices[o] = acc;
        }
        Tensor out = Tensor.stack(slices, 2);   // (N, O, outD, outH, outW)
        if (bias != null) {
            out = out.add(bias.reshape(1, -1, 1, 1, 1));
        }
        return batched ? out : out.squeeze(0);
    }

    /**
     * Transposed 3-D convolution: every input depth slice z, through kernel depth tap k, adds a transposed 2-D
     * convolution to output depth z * stride - padding + k * dilation (when inside the output).
     *
     * @param weight (C_in, C_out / groups, kD, kH, kW)
     */
    public static Tensor convTranspose3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        String op = "conv_transpose3d";
        boolean batched = input.dim() == 5;
        if (!batched && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 4-D (unbatched) or 5-D input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 5 || weight.size(0) != (batched ? input.size(1) : input.size(0))) {
            throw new IllegalArgumentException(op + ": expected weight (in_channels, out_channels / groups, kD, kH, kW)"
                    + " with in_channels matching the input (input " + Arrays.toString(input.shape()) + ", weight "
                    + Arrays.toString(weight.shape()) + ")");
        }
        for (int i = 0; i < 3; i++) {
            if (outputPadding[i] >= Math.max(stride[i], dilation[i])) {
                throw new IllegalArgumentException(op + ": output_padding " + Arrays.toString(outputPadding)
                        + " must be smaller than either stride " + Arrays.toString(stride) + " or dilation "
                        + Arrays.toString(dilation));
            }
        }
        Tensor x = batched ? input : input.unsqueeze(0);
        int depth = x.size(2);
        int kd = weight.size(2);
        int outD = (depth - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kd - 1) + outputPadding[0] + 1;
        if (outD <= 0) {
            throw new IllegalArgumentException(op + ": the output depth " + outD + " is not positive (input "
                    + Arrays.toString(input.shape()) + ", weight " + Arrays.toString(weight.shape()) + ")");
        }
        int[] s2 = {stride[1], stride[2]};
        int[] p2 = {padding[1], padding[2]};
        int[] op2 = {outputPadding[1], outputPadding[2]};
        int[] d2 = {dilation[1], dilation[2]};
        Tensor[] acc = new Tensor[outD];
        Tensor any = null;
        for (int z = 0; z < depth; z++) {
            Tensor slice = x.select(2, z);
            for (int k = 0; k < kd; k++) {
                int o = z * stride[0] - padding[0] + k * dilation[0];
                if (o < 0 || o >= outD) {
                    continue;
                }
                Tensor t = Convolution.convTranspose2d(slice, weight.select(2, k), null, s2, p2, op2, groups, d2);
                acc[o] = acc[o] == null ? t : acc[o].add(t);
                any = t;
            }
        }
        if (any == null) {
            any = Convolution.convTranspose2d(x.select(2, 0), weight.select(2, 0), null, s2, p2, op2, groups, d2);
        }
        for (int o = 0; o < outD; o++) {
            if (acc[o] == null) {
                acc[o] = Tensor.zeros(any.shape());   // depths no tap reaches (output_padding)
            }
        }
        Tensor out = Tensor.stack(acc, 2);
        if (bias != null) {
            out = out.add(bias.reshape(1, -1, 1, 1, 1));
        }
        return batched ? out : out.squeeze(0);
    }

    /** conv3d with torch's string padding: "valid" (none) or "same" (stride 1; the odd extra goes to the end). */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        if (padding.equals("valid")) {
            return conv3d(input, weight, bias, stride, new int[3], dilation, groups);
        }
        if (!padding.equals("same")) {
            throw new IllegalArgumentException("conv3d: padding must be 'valid', 'same' or numbers, got '" + padding
                    + "'");
        }
        if (stride[0] != 1 || stride[1] != 1 || stride[2] != 1) {
            throw new IllegalArgumentException("conv3d: padding='same' is not supported for strided convolutions"
                    + " (stride " + Arrays.toString(stride) + ")");
        }
        if (weight.dim() != 5) {
            throw new IllegalArgumentException("conv3d: expected a 5-D weight, got " + Arrays.toString(weight.shape()));
        }
        int[] pad = new int[6];   // F.pad order: last dim first
        for (int i = 0; i < 3; i++) {
            int total = dilation[i] * (weight.size(2 + i) - 1);
            pad[2 * (2 - i)] = total / 2;
            pad[2 * (2 - i) + 1] = total - total / 2;
        }
        return conv3d(F.pad(input, pad, 0f), weight, bias, stride, new int[3], dilation, groups);
    }

    /**
     * 3-D max pooling: kernel, stride (null: = kernel), padding (at most half the kernel, -inf) and dilation as
     * (d, h, w); the (h, w) part is 2-D max pooling per depth slice, the depth windows take the maximum over their
     * slices.
     */
    public static Tensor maxPool3d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                   boolean ceilMode) {
        String op = "max_pool3d";
        int[] s = stride == null || stride.length == 0 ? kernel : stride;
        Tensor x = batched5d(op, input);
        checkPool(op, kernel, s, padding, input);
        int depth = x.size(2);
        int outD = pooledSize(depth, kernel[0], s[0], padding[0], dilation[0], ceilMode, op, input);
        Tensor[] planes = new Tensor[depth];
        for (int z = 0; z < depth; z++) {
            planes[z] = Pooling.maxPool2d(x.select(2, z), new int[] {kernel[1], kernel[2]}, new int[] {s[1], s[2]},
                    new int[] {padding[1], padding[2]}, new int[] {dilation[1], dilation[2]}, ceilMode);
        }
        Tensor[] slices = new Tensor[outD];
        for (int o = 0; o < outD; o++) {
            Tensor acc = null;
            for (int k = 0; k < kernel[0]; k++) {
                int z = o * s[0] - padding[0] + k * dilation[0];
                if (z >= 0 && z < depth) {
                    acc = acc == null ? planes[z] : acc.maximum(planes[z]);
                }
            }
            slices[o] = acc;
        }
        Tensor out = Tensor.stack(slices, 2);
        return input.dim() == 5 ? out : out.squeeze(0);
    }

    /**
     * 3-D average pooling with torch's divisor: the window volume clipped to the padded input (countIncludePad),
     * or the number of real input elements it covers, or divisorOverride.
     */
    public static Tensor avgPool3d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        String op = "avg_pool3d";
        int[] s = stride == null || stride.length == 0 ? kernel : stride;
        Tensor x = batched5d(op, input);
        checkPool(op, kernel, s, padding, input);
        if (divisorOverride != null && divisorOverride == 0) {
            throw new IllegalArgumentException(op + ": divisor_override must be non-zero");
        }
        int[] size = {x.size(2), x.size(3), x.size(4)};
        int[] outs = new int[3];
        float[][] counts = new float[3][];
        for (int i = 0; i < 3; i++) {
            outs[i] = pooledSize(size[i], kernel[i], s[i], padding[i], 1, ceilMode, op, input);
            counts[i] = new float[outs[i]];
            for (int o = 0; o < outs[i]; o++) {
                int start = o * s[i] - padding[i];
                int end = Math.min(start + kernel[i], size[i] + padding[i]);
                counts[i][o] = countIncludePad ? end - start : Math.min(end, size[i]) - Math.max(start, 0);
            }
        }
        // Window sums over (h, w) per depth slice (divisor 1), summed over each depth window.
        Tensor[] planes = new Tensor[size[0]];
        for (int z = 0; z < size[0]; z++) {
            planes[z] = Pooling.avgPool2d(x.select(2, z), new int[] {kernel[1], kernel[2]}, new int[] {s[1], s[2]},
                    new int[] {padding[1], padding[2]}, ceilMode, true, 1);
        }
        Tensor[] slices = new Tensor[outs[0]];
        for (int o = 0; o < outs[0]; o++) {
            int start = o * s[0] - padding[0];
            Tensor acc = null;
            for (int z = Math.max(start, 0); z < Math.min(start + kernel[0], size[0]); z++) {
                acc = acc == null ? planes[z] : acc.add(planes[z]);
            }
            slices[o] = acc == null ? planes[0].mul(0.0) : acc;
        }
        Tensor sums = Tensor.stack(slices, 2);   // (N, C, outD, outH, outW)
        Tensor out;
        if (divisorOverride != null) {
            out = sums.mul(1.0 / divisorOverride);
        } else {
            float[] div = new float[outs[0] * outs[1] * outs[2]];
            int q = 0;
            for (int a = 0; a < outs[0]; a++) {
                for (int b = 0; b < outs[1]; b++) {
                    for (int c = 0; c < outs[2]; c++) {
                        div[q++] = counts[0][a] * counts[1][b] * counts[2][c];
                    }
                }
            }
            out = sums.div(Tensor.of(div, outs[0], outs[1], outs[2]));
        }
        return input.dim() == 5 ? out : out.squeeze(0);
    }

    /**
     * interpolate for 5-D input: nearest modes and trilinear, separable as the 2-D resampling of every depth
     * slice followed by 1-D resampling along depth; "area" is adaptive average pooling.
     *
     * @param scales per-axis scale factors (d, h, w) as the user gave them, or null when a size was given
     */
    public static Tensor interpolate3d(Tensor input, int[] out, double[] scales, String mode, Boolean alignCorners,
                                       Boolean recomputeScaleFactor) {
        if (mode.equals("area")) {
            return adaptiveAvgPool3d(input, out[0], out[1], out[2]);
        }
        String planar = switch (mode) {
            case "nearest", "nearest-exact" -> mode;
            case "trilinear" -> "bilinear";
            default -> throw new IllegalArgumentException("interpolate: mode '" + mode + "' is not supported for 5-D"
                    + " input (expected nearest, nearest-exact, area or trilinear)");
        };
        String line = planar.equals("bilinear") ? "linear" : mode;
        int n = input.size(0);
        int c = input.size(1);
        int d = input.size(2);
        // (N, C*D, H, W) -> (N, C*D, oh, ow)
        Tensor hw = Resampling.interpolate(input.reshape(n, c * d, input.size(3), input.size(4)),
                scales == null ? new int[] {out[1], out[2]} : null,
                scales == null ? null : new double[] {scales[1], scales[2]}, planar, alignCorners, recomputeScaleFactor);
        int plane = out[1] * out[2];
        // (N, C, D, oh*ow) -> (N, C*oh*ow, D) -> resample D -> back
        Tensor cols = hw.reshape(n, c, d, plane).permute(0, 1, 3, 2).reshape(n, c * plane, d);
        Tensor dz = Resampling.interpolate(cols, scales == null ? new int[] {out[0]} : null,
                scales == null ? null : new double[] {scales[0]}, line, alignCorners, recomputeScaleFactor);
        return dz.reshape(n, c, out[1], out[2], out[0]).permute(0, 1, 4, 2, 3).contiguous();
    }

    private static Tensor batched5d(String op, Tensor input) {
        if (input.dim() != 5 && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 4-D (unbatched) or 5-D input, got "
                    + Arrays.toString(input.shape()));
        }
        return input.dim() == 5 ? input : input.unsqueeze(0);
    }

    private static void checkPool(String op, int[] kernel, int[] stride, int[] padding, Tensor input) {
        for (int i = 0; i < 3; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0 || padding[i] > kernel[i] / 2) {
                throw new IllegalArgumentException(op + ": kernel_size " + Arrays.toString(kernel) + ", stride "
                        + Arrays.toString(stride) + " and padding " + Arrays.toString(padding) + " are invalid (padding"
                        + " should be at most half of kernel_size; input " + Arrays.toString(input.shape()) + ")");
            }
        }
    }

    /** torch's pooling_output_shape, with the ceil_mode rule that the last window must start inside the input. */
    private static int pooledSize(int in, int k, int s, int p, int d, boolean ceil, String op, Tensor input) {
        int span = in + 2 * p - d * (k - 1) - 1;
        int out = (ceil ? -Math.floorDiv(-span, s) : Math.floorDiv(span, s)) + 1;
        if (ceil && (out - 1) * s >= in + p) {
            out--;
        }
        if (out < 1) {
            throw new IllegalArgumentException(op + ": the output would be empty for input "
                    + Arrays.toString(input.shape()) + " with kernel " + k + ", stride " + s + ", padding " + p);
        }
        return out;
    }

    /** Adaptive average pooling to (outD, outH, outW): depth window d covers [floor(d D / outD), ceil((d + 1) D / outD)). */
    public static Tensor adaptiveAvgPool3d(Tensor input, int outD, int outH, int outW) {
        return adaptive(input, outD, outH, outW, false);
    }

    /** Adaptive max pooling with the same windows as {@link #adaptiveAvgPool3d}. */
    public static Tensor adaptiveMaxPool3d(Tensor input, int outD, int outH, int outW) {
        return adaptive(input, outD, outH, outW, true);
    }

    private static Tensor adaptive(Tensor input, int outD, int outH, int outW, boolean max) {
        String op = max ? "adaptive_max_pool3d" : "adaptive_avg_pool3d";
        boolean batched = input.dim() == 5;
        if (!batched && input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 4-D (unbatched) or 5-D input, got "
                    + Arrays.toString(input.shape()));
        }
        if (outD <= 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(op + ": output_size must be positive, got [" + outD + ", " + outH + ", "
                    + outW + "] (input " + Arrays.toString(input.shape()) + ")");
        }
        Tensor x = batched ? input : input.unsqueeze(0);
        int depth = x.size(2);
        Tensor[] planes = new Tensor[depth];
        for (int z = 0; z < depth; z++) {
            planes[z] = max ? Pooling.adaptiveMaxPool2d(x.select(2, z), outH, outW)
                    : Pooling.adaptiveAvgPool2d(x.select(2, z), outH, outW);
        }
        Tensor[] slices = new Tensor[outD];
        for (int o = 0; o < outD; o++) {
            int start = Math.floorDiv(o * depth, outD);
            int end = -Math.floorDiv(-(o + 1) * depth, outD);
            Tensor acc = planes[start];
            for (int z = start + 1; z < end; z++) {
                acc = max ? acc.maximum(planes[z]) : acc.add(planes[z]);
            }
            slices[o] = max ? acc : acc.mul(1.0 / (end - start));
        }
        Tensor out = Tensor.stack(slices, 2);
        return batched ? out : out.squeeze(0);
    }
}
