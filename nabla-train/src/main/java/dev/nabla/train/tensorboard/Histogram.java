package dev.nabla.train.tensorboard;

import java.util.Arrays;

/**
 * A histogram of values over TensorFlow's default buckets: edges at +-1e-12 * 1.1^k up to 1e20,
 * 0 in the middle and +-Double.MAX_VALUE at the ends, so every finite value lands in some bucket.
 * Bucket i holds values in {@code [limit[i-1], limit[i])}; only the buckets from the first to the
 * last non-empty one are kept, as TensorFlow does. Non-finite values are counted nowhere.
 */
public record Histogram(double min, double max, double count, double sum, double sumSquares,
                        double[] bucketLimits, double[] bucketCounts) {
    private static final double[] DEFAULT_LIMITS = defaultLimits();

    /** Builds the histogram of {@code values}. */
    public static Histogram of(float[] values) {
        long[] counts = new long[DEFAULT_LIMITS.length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (float f : values) {
            if (!Float.isFinite(f)) {
                continue;
            }
            double v = f;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSq += v * v;
            n++;
            counts[bucketIndex(v)]++;
        }
        if (n == 0) {
            return new Histogram(0, 0, 0, 0, 0, new double[0], new double[0]);
        }
        int lo = 0;
        while (counts[lo] == 0) {
            lo++;
        }
        int hi = counts.length - 1;
        while (counts[hi] == 0) {
            hi--;
        }
        double[] limits = Arrays.copyOfRange(DEFAULT_LIMITS, lo, hi + 1);
        double[] c = new double[hi - lo + 1];
        for (int i = lo; i <= hi; i++) {
            c[i - lo] = counts[i];
        }
        return new Histogram(min, max, n, sum, sumSq, limits, c);
    }

    /** The index of the first limit strictly greater than v. */
    static int bucketIndex(double v) {
        int i = Arrays.binarySearch(DEFAULT_LIMITS, v);
        // An exact hit on limit[i] belongs to the next bucket, [limit[i], limit[i+1]).
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, DEFAULT_LIMITS.length - 1);
    }

    /** TensorFlow's default bucket upper edges (1549 values). */
    static double[] defaultLimits() {
        double[] pos = new double[800];
        int n = 0;
        for (double v = 1e-12; v < 1e20; v *= 1.1) {
            pos[n++] = v;
        }
        double[] out = new double[2 * n + 3];
        int k = 0;
        out[k++] = -Double.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            out[k++] = -pos[i];
        }
        out[k++] = 0;
        for (int i = 0; i < n; i++) {
            out[k++] = pos[i];
        }
        out[k] = Double.MAX_VALUE;
        return out;
    }
}
