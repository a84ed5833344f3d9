package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of the accuracy metrics ({@link Accuracy}, {@link TopKAccuracy}): samples counted and
 * how many were correct, their ratio, and the state dict {@code correct}, {@code total}.
 */
final class HitCount {
    private long correct;
    private long total;

    void hit() {
        correct++;
    }

    void addSamples(long n) {
        total += n;
    }

    long total() {
        return total;
    }

    /** correct / total; {@code metric} names the metric in the error when nothing was counted. */
    double rate(String metric) {
        if (total == 0) {
            throw new IllegalStateException(metric + ": compute() called before any update");
        }
        return (double) correct / total;
    }

    void reset() {
        correct = 0;
        total = 0;
    }

    Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("correct", StateValues.ofLong(correct));
        m.put("total", StateValues.ofLong(total));
        return m;
    }

    void loadStateDict(String metric, Map<String, Tensor> state) {
        correct = StateValues.getLong(metric, state, "correct");
        total = StateValues.getLong(metric, state, "total");
    }
}
