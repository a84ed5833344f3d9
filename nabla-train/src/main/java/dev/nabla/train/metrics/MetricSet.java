package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several metrics updated together; {@link #compute()} returns their values by name, in order. */
public final class MetricSet {
    private final List<Metric> metrics;

    public MetricSet(List<? extends Metric> metrics) {
        this.metrics = new ArrayList<>(metrics);
        var names = new java.util.HashSet<String>();
        for (Metric m : this.metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("metric set: two metrics are named '" + m.name() + "'");
            }
        }
    }

    public static MetricSet of(Metric... metrics) {
        return new MetricSet(List.of(metrics));
    }

    public List<Metric> metrics() {
        return Collections.unmodifiableList(metrics);
    }

    public void update(Tensor output, Tensor target) {
        for (Metric m : metrics) {
            m.update(output, target);
        }
    }

    public Map<String, Double> compute() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            out.put(m.name(), m.compute());
        }
        return out;
    }

    public void reset() {
        for (Metric m : metrics) {
            m.reset();
        }
    }
}
