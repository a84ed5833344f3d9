package dev.nabla.nn;

import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** What the convolution layers share: argument checks, PyTorch's default init, padding modes and the printout. */
final class ConvSupport {
    private ConvSupport() {
    }

    /** kaiming_uniform(a = sqrt(5)) for the weight and U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias, as _ConvNd. */
    static void resetParameters(Tensor weight, Tensor bias, Generator g) {
        Init.kaimingUniform(weight, Math.sqrt(5), g);
        if (bias != null) {
            long fanIn = Init.calculateFanInAndFanOut(weight).fanIn();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform(bias, -bound, bound, g);
        }
    }

    static void checkChannels(String layer, int in, int out, int groups) {
        if (groups <= 0) {
            throw new IllegalArgumentException(layer + ": groups must be a positive integer, got " + groups);
        }
        if (in % groups != 0) {
            throw new IllegalArgumentException(layer + ": in_channels (" + in + ") must be divisible by groups ("
                    + groups + ")");
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException(layer + ": out_channels (" + out + ") must be divisible by groups ("
                    + groups + ")");
        }
    }

    /** Expands one value to n, or checks that n are given. */
    static int[] tuple(String layer, String arg, int[] v, int n) {
        if (v.length == 1) {
            int[] out = new int[n];
            Arrays.fill(out, v[0]);
            return out;
        }
        if (v.length != n) {
            throw new IllegalArgumentException(layer + ": " + arg + " needs 1 or " + n + " values, got "
                    + Arrays.toString(v));
        }
        return v.clone();
    }

    static void checkPositive(String layer, String arg, int[] v) {
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException(layer + ": " + arg + " must be positive, got " + Arrays.toString(v));
            }
        }
    }

    static void checkPaddingMode(String layer, String mode) {
        switch (mode) {
            case "zeros", "reflect", "replicate", "circular" -> {
            }
            default -> throw new IllegalArgumentException(layer + ": padding_mode must be 'zeros', 'reflect',"
                    + " 'replicate' or 'circular', got '" + mode + "'");
        }
    }

    /**
     * The explicit F.pad amounts, last dim first, for padding (per spatial dim, symmetric), or for
     * "same" padding (total d (k - 1), the extra one on the right as PyTorch).
     */
    static int[] padAmounts(int[] padding, int[] kernel, int[] dilation, boolean same) {
        int n = kernel.length;
        int[] pad = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int d = n - 1 - i; // F.pad lists the last dim first
            if (same) {
                int total = dilation[d] * (kernel[d] - 1);
                pad[2 * i] = total / 2;
                pad[2 * i + 1] = total - total / 2;
            } else {
                pad[2 * i] = padding[d];
                pad[2 * i + 1] = padding[d];
            }
        }
        return pad;
    }

    /** PyTorch's _ConvNd.extra_repr. */
    static String repr(int in, int out, int[] kernel, int[] stride, String paddingText, boolean paddingZero,
            int[] dilation, int[] outputPadding, int groups, boolean bias, String paddingMode) {
        StringBuilder sb = new StringBuilder();
        sb.append(in).append(", ").append(out).append(", kernel_size=").append(Module.py(kernel))
                .append(", stride=").append(Module.py(stride));
        if (!paddingZero) {
            sb.append(", padding=").append(paddingText);
        }
        if (!allEqual(dilation, 1)) {
            sb.append(", dilation=").append(Module.py(dilation));
        }
        if (outputPadding != null && !allEqual(outputPadding, 0)) {
            sb.append(", output_padding=").append(Module.py(outputPadding));
        }
        if (groups != 1) {
            sb.append(", groups=").append(groups);
        }
        if (!bias) {
            sb.append(", bias=False");
        }
        if (!paddingMode.equals("zeros")) {
            sb.append(", padding_mode=").append(paddingMode);
        }
        return sb.toString();
    }

    static boolean allEqual(int[] v, int x) {
        for (int e : v) {
            if (e != x) {
                return false;
            }
        }
        return true;
    }
}
