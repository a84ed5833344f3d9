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
