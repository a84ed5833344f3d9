package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Multiplies the rate by a constant {@code factor} for the first {@code totalIters} epochs, then restores
 * it, as {@code torch.optim.lr_scheduler.ConstantLR}. Defaults: factor 1/3, totalIters 5.
 */
public final class ConstantLR extends LRScheduler {
    private double factor;
    private int totalIters;

    public ConstantLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 5);
    }

    public ConstantLR(Optimizer optimizer, double factor, int totalIters) {
        super(optimizer);
        if (factor > 1.0 || !(factor >= 0)) {
            throw new IllegalArgumentException("ConstantLR: Constant multiplicative factor expected to be between 0 and 1,"
                    + " got factor=" + dev.nabla.optim.PyFloat.repr(factor));
        }
        this.factor = factor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return scaleCurrent(lastEpoch == 0 ? factor : lastEpoch != totalIters ? 1 : 1.0 / factor);
    }

    @Override
    protected double[] closedFormLr() {
        return scaleBase(factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putDouble(out, "factor", factor);
        StateValues.putLong(out, "total_iters", totalIters);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        factor = r.getDouble("factor");
        totalIters = (int) r.getLong("total_iters");
    }
}
