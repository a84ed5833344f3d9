package dev.nabla.train.metrics;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Multiclass accuracy: the fraction of samples whose predicted class equals the target.
 * Output: scores {@code (N, C)} (argmax taken, ties to the lowest index) or int64 class indices
 * {@code (N)}; target: int64 class indices {@code (N)}.
 */
public final class Accuracy implements Metric, Stateful {
    private long correct;
    private long total;

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
                correct++;
            }
        }
        total += t.length;
    }

    /** Samples counted so far. */
    public long total() {
        return total;
    }

    @Override
    public double compute() {
        if (total == 0) {
            throw new IllegalStateException("accuracy: compute() called before any update");
        }
        return (double) correct / total;
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("correct", StateValues.ofLong(correct));
        m.put("total", StateValues.ofLong(total));
        return m;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        correct = StateValues.getLong("accuracy", state, "correct");
        total = StateValues.getLong("accuracy", state, "total");
    }
}
