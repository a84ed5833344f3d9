package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;

/**
 * Multiclass accuracy: the fraction of samples whose predicted class equals the target.
 * Output: scores {@code (N, C)} (argmax taken, ties to the lowest index) or int64 class indices
 * {@code (N)}; target: int64 class indices {@code (N)}.
 */
public final class Accuracy extends HitRateMetric {
    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void update(Tensor output, Tensor target) {
        long[] t = ClassLabels.targets(name(), target);
        long[] p = ClassLabels.predicted(name(), output, target);
        for (int i = 0; i < t.length; i++) {
            if (p[i] == t[i]) {
                hit();
            }
        }
        addSamples(t.length);
    }
}
