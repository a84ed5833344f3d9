package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Multiplies the rate by {@code gamma} every epoch, as {@code torch.optim.lr_scheduler.ExponentialLR}:
 * {@code lr = base_lr * gamma^epoch}.
 */
public final class ExponentialLR extends LRScheduler {
    private double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return scaleCurrent(lastEpoch == 0 ? 1 : gamma);
    }

    @Override
    protected double[] closedFormLr() {
        return scaleBase(Math.pow(gamma, lastEpoch));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        gamma = r.getDouble("gamma");
    }
}
