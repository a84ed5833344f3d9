package dev.nabla.conformance;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/** Element-wise comparison {@code |actual - expected| <= atol + rtol * |expected|}, with a readable verdict. */
public final class Compare {
    private Compare() {
    }

    /** Null when they match, else what differs: shape, or the worst element with both values. */
    public static String mismatch(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        if (actual == null) {
            return what + ": no value produced";
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape());
        }
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            boolean bothNan = Float.isNaN(e[i]) && Float.isNaN(a[i]);
            if (bothNan || e[i] == a[i]) {
                continue;
            }
            double diff = Math.abs((double) a[i] - e[i]);
            double allowed = atol + rtol * Math.abs(e[i]);
            double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
            if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst < 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%s: worst element %s expected %s actual %s (|diff| %.3g > atol %.1g + rtol %.1g*|expected|)",
                what, Arrays.toString(unravel(worst, expected.shape())), e[worst], a[worst],
                Math.abs((double) a[worst] - e[worst]), atol, rtol);
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            int s = Math.max(shape[i], 1);
            idx[i] = flat % s;
            flat /= s;
        }
        return idx;
    }
}
