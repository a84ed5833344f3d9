package dev.nabla.train.callbacks;

import java.util.Locale;
import java.util.Map;

/**
 * A watched epoch metric and which way is better: {@code min} for losses and errors, {@code max}
 * for accuracy-like scores; {@code auto} picks max when the name mentions accuracy, F1, precision
 * or recall, else min. An improvement must beat the best by more than {@code minDelta}.
 */
public record Monitor(String key, String mode, double minDelta) {
    public Monitor {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("monitor: key must be a metric name such as val_loss");
        }
        String m = mode == null ? "auto" : mode.toLowerCase(Locale.ROOT);
        if (m.equals("auto")) {
            String k = key.toLowerCase(Locale.ROOT);
            m = k.contains("acc") || k.contains("f1") || k.contains("precision") || k.contains("recall") ? "max" : "min";
        }
        if (!m.equals("min") && !m.equals("max")) {
            throw new IllegalArgumentException("monitor: mode must be min, max or auto, got '" + mode + "'");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("monitor: minDelta must be >= 0, got " + minDelta);
        }
        mode = m;
    }

    /** The worst possible value, to start from. */
    public double initial() {
        return mode.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    public boolean improved(double current, double best) {
        if (Double.isNaN(current)) {
            return false;
        }
        return mode.equals("min") ? current < best - minDelta : current > best + minDelta;
    }

    /** The monitored value in an epoch's logs; throws naming the keys present when it is missing. */
    public double valueIn(String who, Map<String, Double> logs) {
        Double v = logs.get(key);
        if (v == null) {
            throw new IllegalStateException(who + ": monitored metric '" + key + "' is not in the epoch logs "
                    + logs.keySet() + " (is there a validation loader?)");
        }
        return v;
    }
}
