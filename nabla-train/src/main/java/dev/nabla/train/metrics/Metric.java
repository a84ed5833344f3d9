package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;

/**
 * A streaming metric: {@link #update} once per batch, {@link #compute} the value over every batch
 * seen since the last {@link #reset}. Updates accumulate exact counts or double sums, so the result
 * does not depend on how the data was split into batches (up to float rounding of the sums).
 *
 * <pre>{@code
 * Metric acc = new Accuracy();
 * for (Batch b : loader) acc.update(model.call(b.input()), b.target());
 * double value = acc.compute();
 * }</pre>
 */
public interface Metric {
    /** The name used in logs and CSV columns, e.g. {@code accuracy}. */
    String name();

    /**
     * Adds one batch: {@code output} is what the model returned, {@code target} the ground truth
     * (each metric documents the shapes it accepts).
     */
    void update(Tensor output, Tensor target);

    /** The value over all updates since the last reset; throws if there was none. */
    double compute();

    /** Forgets all updates. */
    void reset();
}
