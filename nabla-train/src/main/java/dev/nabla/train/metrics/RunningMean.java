package dev.nabla.train.metrics;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weighted mean of values seen so far, e.g. the epoch loss: {@code update(loss, batchSize)}
 * per batch gives the mean loss per sample even when the last batch is smaller.
 */
public final class RunningMean implements Metric, Stateful {
    private final String name;
    private double sum;
    private double weight;

    public RunningMean(String name) {
        this.name = name;
    }

    public RunningMean() {
        this("loss");
    }

    @Override
    public String name() {
        return name;
    }

    /** Adds {@code value} with weight {@code weight} (for a batch mean: the batch size). */
    public void update(double value, double weight) {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException(name + ": weight must be >= 0, got " + weight);
        }
        sum += value * weight;
        this.weight += weight;
    }

    /** Adds every element of {@code output} with weight 1 ({@code target} is ignored and may be null). */
    @Override
    public void update(Tensor output, Tensor target) {
        float[] v = output.toFloatArray();
        double s = 0;
        for (float x : v) {
            s += x;
        }
        sum += s;
        weight += v.length;
    }

    /** The total weight added so far. */
    public double count() {
        return weight;
    }

    @Override
    public double compute() {
        if (weight == 0) {
            throw new IllegalStateException(name + ": compute() called before any update");
        }
        return sum / weight;
    }

    @Override
    public void reset() {
        sum = 0;
        weight = 0;
    }

    /** The exact sum and weight, so a run resumed mid-epoch reports the same mean. */
    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("sum", StateValues.ofDouble(sum));
        m.put("weight", StateValues.ofDouble(weight));
        return m;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        sum = StateValues.getDouble(name, state, "sum");
        weight = StateValues.getDouble(name, state, "weight");
    }
}
