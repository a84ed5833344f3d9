package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Scales the rate by a factor moving linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then holds it, as {@code torch.optim.lr_scheduler.LinearLR} (a warm-up when
 * startFactor is small). Defaults: startFactor 1/3, endFactor 1, totalIters 5. With totalIters 0 the rate
 * stays at startFactor times the base, as torch's step-by-step form does.
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 4);   // 0.1x, 0.325x, 0.55x, 0.775x, then 1x
 * }</pre>
 */
public final class LinearLR extends LRScheduler {
    private double startFactor;
    private double endFactor;
    private int totalIters;

    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (startFactor > 1.0 || !(startFactor > 0)) {
            throw new IllegalArgumentException(
                    "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1,"
                    + " got start_factor=" + dev.nabla.optim.PyFloat.repr(startFactor));
        }
        if (endFactor > 1.0 || !(endFactor >= 0)) {
            throw new IllegalArgumentException("LinearLR: Ending multiplicative factor expected to be between 0 and 1, got end_factor="
                    + dev.nabla.optim.PyFloat.repr(endFactor));
        }
        if (totalIters < 0) {
            throw new IllegalArgumentException("LinearLR: total_iters must be non-negative, got " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        if (lastEpoch == 0) {
            return scaleCurrent(startFactor);
        }
        if (lastEpoch > totalIters) {
            return scaleCurrent(1);
        }
        return scaleCurrent(1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected double[] closedFormLr() {
        if (totalIters == 0) {
            // torch's closed form divides by zero here; its step-by-step form holds start_factor, as we do
            return scaleBase(startFactor);
        }
        return scaleBase(startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch) / totalIters);
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putDouble(out, "start_factor", startFactor);
        StateValues.putDouble(out, "end_factor", endFactor);
        StateValues.putLong(out, "total_iters", totalIters);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        startFactor = r.getDouble("start_factor");
        endFactor = r.getDouble("end_factor");
        totalIters = (int) r.getLong("total_iters");
    }
}
