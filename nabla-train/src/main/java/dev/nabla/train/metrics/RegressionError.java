package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Mean squared or mean absolute error over every element seen: output and target must have the
 * same number of elements (any shape; both are read row-major). Sums are kept in double.
 */
public final class RegressionError implements Metric {
    private final boolean squared;
    private double sum;
    private long count;

    private RegressionError(boolean squared) {
        this.squared = squared;
    }

    /** Mean squared error, {@code mean((output - target)^2)}. */
    public static RegressionError mse() {
        return new RegressionError(true);
    }

    /** Mean absolute error, {@code mean(|output - target|)}. */
    public static RegressionError mae() {
        return new RegressionError(false);
    }

    @Override
    public String name() {
        return squared ? "mse" : "mae";
    }

    @Override
    public void update(Tensor output, Tensor target) {
        if (target == null || output.numel() != target.numel()) {
            throw new IllegalArgumentException(name() + ": output and target must have the same number of elements"
                    + " (output " + Arrays.toString(output.shape()) + ", target "
                    + (target == null ? "null" : Arrays.toString(target.shape())) + ")");
        }
        float[] o = output.toFloatArray();
        float[] t = target.toFloatArray();
        double s = 0;
        for (int i = 0; i < o.length; i++) {
            double d = (double) o[i] - t[i];
            s += squared ? d * d : Math.abs(d);
        }
        sum += s;
        count += o.length;
    }

    @Override
    public double compute() {
        if (count == 0) {
            throw new IllegalStateException(name() + ": compute() called before any update");
        }
        return sum / count;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }
}
