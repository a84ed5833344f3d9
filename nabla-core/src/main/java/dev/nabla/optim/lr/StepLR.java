package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Multiplies the rate by {@code gamma} every {@code stepSize} epochs, as
 * {@code torch.optim.lr_scheduler.StepLR}: {@code lr = base_lr * gamma^(epoch / stepSize)}.
 *
 * <pre>{@code
 * var sched = new StepLR(opt, 30, 0.1);   // 0.1 for epochs 0-29, 0.01 for 30-59, ...
 * }</pre>
 */
public final class StepLR extends LRScheduler {
    private int stepSize;
    private double gamma;

    /** gamma defaults to 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: step_size must be positive, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        boolean decay = lastEpoch != 0 && lastEpoch % stepSize == 0;
        return scaleCurrent(decay ? gamma : 1);
    }

    @Override
    protected double[] closedFormLr() {
        return scaleBase(Math.pow(gamma, Math.floorDiv(lastEpoch, stepSize)));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLong(out, "step_size", stepSize);
        StateValues.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        stepSize = (int) r.getLong("step_size");
        gamma = r.getDouble("gamma");
    }
}
