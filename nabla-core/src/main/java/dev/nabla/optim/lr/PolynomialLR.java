package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Decays the rate polynomially to zero over {@code totalIters} epochs, as
 * {@code torch.optim.lr_scheduler.PolynomialLR}: {@code lr = base_lr * (1 - min(epoch, T) / T)^power}
 * (computed in torch's chainable form). Defaults: totalIters 5, power 1. With totalIters 0 the rate stays
 * at the base rate, as in torch.
 */
public final class PolynomialLR extends LRScheduler {
    private int totalIters;
    private double power;

    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, 5, 1.0);
    }

    public PolynomialLR(Optimizer optimizer, int totalIters, double power) {
        super(optimizer);
        if (totalIters < 0) {
            throw new IllegalArgumentException("PolynomialLR: total_iters must be non-negative, got " + totalIters);
        }
        this.totalIters = totalIters;
        this.power = power;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        boolean hold = lastEpoch == 0 || lastEpoch > totalIters;
        return scaleCurrent(hold ? 1 : Math.pow((1.0 - (double) lastEpoch / totalIters)
                / (1.0 - (double) (lastEpoch - 1) / totalIters), power));
    }

    @Override
    protected double[] closedFormLr() {
        if (totalIters == 0) {
            // torch's closed form divides by zero here; its step-by-step form keeps the base rate, as we do
            return scaleBase(1);
        }
        return scaleBase(Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLong(out, "total_iters", totalIters);
        StateValues.putDouble(out, "power", power);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        totalIters = (int) r.getLong("total_iters");
        power = r.getDouble("power");
    }
}
