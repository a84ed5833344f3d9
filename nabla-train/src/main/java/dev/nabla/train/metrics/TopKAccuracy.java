package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;

/**
 * Top-k accuracy: a sample counts as correct when its target class is among the k highest scores.
 * Ties are broken toward the lower class index (as argmax), so top-1 equals {@link Accuracy}.
 * Output: scores {@code (N, C)} with {@code C >= k}; target: int64 class indices {@code (N)}.
 */
public final class TopKAccuracy extends HitRateMetric {
    private final int k;

    public TopKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy: k must be >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public String name() {
        return "top" + k + "_accuracy";
    }

    @Override
    public void update(Tensor output, Tensor target) {
        long[] t = ClassLabels.targets(name(), target);
        float[] s = ClassLabels.scores(name(), output, t.length);
        int c = output.size(1);
        if (k > c) {
            throw new IllegalArgumentException(name() + ": k = " + k + " exceeds the number of classes " + c);
        }
        for (int i = 0; i < t.length; i++) {
            ClassLabels.checkRange(name(), t[i], c, "target");
            int base = i * c;
            int target1 = (int) t[i];
            float ts = s[base + target1];
            // Rank of the target among the scores: classes scoring higher, plus tied classes before it.
            int rank = 0;
            for (int j = 0; j < c && rank < k; j++) {
                float v = s[base + j];
                if (v > ts || (v == ts && j < target1) || (Float.isNaN(v) && !Float.isNaN(ts))) {
                    rank++;
                }
            }
            if (rank < k) {
                hit();
            }
        }
        addSamples(t.length);
    }
}
