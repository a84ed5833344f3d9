package dev.nabla.nn;

import dev.nabla.nn.functional.F;
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

    static void checkNonNegative(String layer, String arg, int[] v) {
        for (int x : v) {
            if (x < 0) {
                throw new IllegalArgumentException(layer + ": " + arg + " must be non-negative, got " + text(v));
            }
        }
    }

    /**
     * Checks padding given as a string ('same', stride 1 only, or 'valid'; null when given as
     * numbers) and returns whether it is 'same'.
     */
    static boolean checkPaddingString(String layer, String paddingString, int[] stride) {
        boolean same = "same".equals(paddingString);
        if (paddingString != null && !same && !paddingString.equals("valid")) {
            throw new IllegalArgumentException(layer + ": padding must be 'same', 'valid' or "
                    + (stride.length == 1 ? "an integer" : "integers") + ", got '" + paddingString + "'");
        }
        if (same && !allEqual(stride, 1)) {
            throw new IllegalArgumentException(layer + ": padding='same' is not supported for strided convolutions");
        }
        return same;
    }

    /** A transposed convolution's padding and output_padding: non-negative, output_padding below stride or dilation. */
    static void checkTransposedPadding(String layer, int[] padding, int[] outputPadding, int[] stride, int[] dilation) {
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] < 0 || outputPadding[i] < 0) {
                throw new IllegalArgumentException(layer + ": padding and output_padding must be non-negative, got "
                        + text(padding) + " and " + text(outputPadding));
            }
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
                throw new IllegalArgumentException(layer + ": output_padding " + text(outputPadding)
                        + " must be smaller than either stride " + text(stride) + " or dilation " + text(dilation));
            }
        }
    }

    /** Throws unless the input is (C, spatial...) or (N, C, spatial...) for a layer of spatialDims dims. */
    static void checkInputDim(String layer, Tensor input, int spatialDims) {
        if (input.dim() != spatialDims + 1 && input.dim() != spatialDims + 2) {
            String shapes = spatialDims == 1 ? "2-D (C, L) or 3-D (N, C, L)" : "3-D (C, H, W) or 4-D (N, C, H, W)";
            throw new IllegalArgumentException(layer + ": expected a " + shapes + " input, got "
                    + Arrays.toString(input.shape()));
        }
    }

    /**
     * The input padded as the layer asks ('same', or padding in a non-zeros padding_mode), for a
     * convolution then run with padding 0.
     */
    static Tensor padInput(Tensor input, int[] padding, int[] kernel, int[] dilation, boolean same,
            String paddingMode) {
        int[] pad = padAmounts(padding, kernel, dilation, same);
        String mode = paddingMode.equals("zeros") ? "constant" : paddingMode;
        return F.pad(input, pad, mode, 0f);
    }

    /** How a message shows an argument: a lone value as an int (1-d layers take ints), else Python's tuple. */
    static String text(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : Module.py(v);
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
