package dev.nabla.train.metrics;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of the accuracy metrics ({@link Accuracy}, {@link TopKAccuracy}): samples counted and how
 * many were correct, their ratio as the value, and the state dict {@code correct}, {@code total}.
 * Subclasses decide in {@link #update} which samples are hits.
 */
abstract class HitRateMetric implements Metric, Stateful {
    private long correct;
    private long total;

    /** Counts one correct sample. */
    protected final void hit() {
        correct++;
    }

    /** Counts n samples, correct or not (after their hits). */
    protected final void addSamples(long n) {
        total += n;
    }

    /** Samples counted so far. */
    public long total() {
        return total;
    }

    @Override
    public double compute() {
        if (total == 0) {
            throw new IllegalStateException(name() + ": compute() called before any update");
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
        correct = StateValues.getLong(name(), state, "correct");
        total = StateValues.getLong(name(), state, "total");
    }
}
