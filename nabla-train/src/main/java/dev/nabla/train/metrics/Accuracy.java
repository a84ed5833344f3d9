package dev.nabla.train.metrics;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Multiclass accuracy: the fraction of samples whose predicted class equals the target.
 * Output: scores {@code (N, C)} (argmax taken, ties to the lowest index) or int64 class indices
 * {@code (N)}; target: int64 class indices {@code (N)}.
 */
public final class Accuracy implements Metric, Stateful {
    private final HitCount hits = new HitCount();

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
                hits.hit();
            }
        }
        hits.addSamples(t.length);
    }

    /** Samples counted so far. */
    public long total() {
        return hits.total();
    }

    @Override
    public double compute() {
        return hits.rate(name());
    }

    @Override
    public void reset() {
        hits.reset();
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return hits.stateDict();
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        hits.loadStateDict(name(), state);
    }
}
