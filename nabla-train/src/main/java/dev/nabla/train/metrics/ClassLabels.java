package dev.nabla.train.metrics;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/** Turns classification outputs and targets into class-index arrays, checking their shapes. */
final class ClassLabels {
    private ClassLabels() {}

    /**
     * Predicted classes: the argmax over dim 1 of scores {@code (N, C)}, or the values of an
     * int64 tensor {@code (N)} that already holds class indices. Ties go to the lowest index.
     */
    static long[] predicted(String metric, Tensor output, Tensor target) {
        long[] targets = targets(metric, target);
        long[] preds;
        if (output.dim() == 2 && output.dtype() == DType.FLOAT32) {
            if (output.size(0) != targets.length) {
                throw new IllegalArgumentException(metric + ": output has " + output.size(0)
                        + " rows but target has " + targets.length + " entries (output "
                        + Arrays.toString(output.shape()) + ", target " + Arrays.toString(target.shape()) + ")");
            }
            preds = argmaxRows(output);
        } else if (output.dim() == 1 && output.dtype() != DType.FLOAT32) {
            if (output.size(0) != targets.length) {
                throw new IllegalArgumentException(metric + ": output has " + output.size(0)
                        + " predictions but target has " + targets.length + " (output "
                        + Arrays.toString(output.shape()) + ", target " + Arrays.toString(target.shape()) + ")");
            }
            preds = output.toLongArray();
        } else {
            throw new IllegalArgumentException(metric + ": output must be float scores (N, C) or int64 class"
                    + " indices (N), got " + output.dtype().torchName() + " " + Arrays.toString(output.shape()));
        }
        return preds;
    }

    /** Target class indices from an integer tensor {@code (N)}. */
    static long[] targets(String metric, Tensor target) {
        if (target == null || target.dim() != 1 || target.dtype() == DType.FLOAT32) {
            throw new IllegalArgumentException(metric + ": target must be int64 class indices (N), got "
                    + (target == null ? "null" : target.dtype().torchName() + " " + Arrays.toString(target.shape())));
        }
        return target.toLongArray();
    }

    /** Scores {@code (N, C)} as a row-major array, checked to be float. */
    static float[] scores(String metric, Tensor output, int n) {
        if (output.dim() != 2 || output.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(metric + ": output must be float scores (N, C), got "
                    + output.dtype().torchName() + " " + Arrays.toString(output.shape()));
        }
        if (output.size(0) != n) {
            throw new IllegalArgumentException(metric + ": output has " + output.size(0) + " rows but target has "
                    + n + " entries (output " + Arrays.toString(output.shape()) + ")");
        }
        return output.contiguousFloats();
    }

    static void checkRange(String metric, long label, int numClasses, String what) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(metric + ": " + what + " class " + label
                    + " is outside [0, " + numClasses + ")");
        }
    }

    private static long[] argmaxRows(Tensor output) {
        int n = output.size(0);
        int c = output.size(1);
        float[] s = output.contiguousFloats();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int base = i * c;
            int best = 0;
            float bestV = s[base];
            for (int j = 1; j < c; j++) {
                float v = s[base + j];
                // NaN counts as largest, as torch.argmax does.
                if (v > bestV || (Float.isNaN(v) && !Float.isNaN(bestV))) {
                    bestV = v;
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
