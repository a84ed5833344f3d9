package dev.nabla.nn;

import java.util.Arrays;

/** Argument checks and printing shared by the pooling layers. */
final class PoolSupport {
    private PoolSupport() {
    }

    static void check(String layer, int[] kernel, int[] stride, int[] padding) {
        checkLength(layer, "kernel_size", kernel);
        checkLength(layer, "stride", stride);
        checkLength(layer, "padding", padding);
        for (int k : kernel) {
            if (k <= 0) {
                throw new IllegalArgumentException(layer + ": kernel_size must be positive, got " + Arrays.toString(kernel));
            }
        }
        for (int s : stride) {
            if (s <= 0) {
                throw new IllegalArgumentException(layer + ": stride must be positive, got " + Arrays.toString(stride));
            }
        }
        for (int i = 0; i < padding.length; i++) {
            int k = kernel[Math.min(i, kernel.length - 1)];
            if (padding[i] < 0 || padding[i] > k / 2) {
                throw new IllegalArgumentException(layer + ": padding should be at most half of the kernel size, got"
                        + " padding " + Arrays.toString(padding) + " for kernel_size " + Arrays.toString(kernel));
            }
        }
    }

    private static void checkLength(String layer, String arg, int[] v) {
        if (v.length != 1 && v.length != 2) {
            throw new IllegalArgumentException(layer + ": " + arg + " needs 1 or 2 values, got " + Arrays.toString(v));
        }
    }

    /** An int when one value was given (as PyTorch keeps it), else a tuple. */
    static String py(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : Module.py(v);
    }
}
