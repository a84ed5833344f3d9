package dev.nabla.train;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch logs of a fit ({@code epoch}, {@code train_loss}, {@code val_accuracy}, {@code lr},
 * ...), as Keras' {@code History}. Stateful, so a resumed run still plots its whole curve.
 */
public final class History implements Stateful {
    private final List<Map<String, Double>> rows = new ArrayList<>();

    public void add(Map<String, Double> row) {
        rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }

    public List<Map<String, Double>> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    /** The values of one metric by epoch (NaN where an epoch lacks it). */
    public double[] values(String metric) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).getOrDefault(metric, Double.NaN);
        }
        return out;
    }

    public Map<String, Double> last() {
        return rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1);
    }

    /** One int64 tensor of raw double bits per metric ({@code metric.val_loss}), NaN where absent. */
    @Override
    public Map<String, Tensor> stateDict() {
        List<String> names = new ArrayList<>();
        for (var r : rows) {
            for (String k : r.keySet()) {
                if (!names.contains(k)) {
                    names.add(k);
                }
            }
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("epochs", StateValues.ofLong(rows.size()));
        for (String n : names) {
            m.put("metric." + n, StateValues.ofDoubles(values(n)));
        }
        return m;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        int n = (int) StateValues.getLong("History", state, "epochs");
        List<Map<String, Double>> loaded = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            loaded.add(new LinkedHashMap<>());
        }
        for (String key : state.keySet()) {
            if (key.startsWith("metric.")) {
                double[] v = StateValues.getDoubles("History", state, key);
                if (v.length != n) {
                    throw new IllegalArgumentException("History.loadStateDict: '" + key + "' has " + v.length
                            + " values for " + n + " epochs");
                }
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(v[i])) {
                        loaded.get(i).put(key.substring(7), v[i]);
                    }
                }
            }
        }
        rows.clear();
        for (var r : loaded) {
            add(r);
        }
    }
}
