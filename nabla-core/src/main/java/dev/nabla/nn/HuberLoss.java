package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 0.5 x^2 for |x| &lt; delta, else delta (|x| - 0.5 delta), with x = input - target, as
 * {@code torch.nn.HuberLoss} (defaults "mean", delta 1).
 */
public final class HuberLoss extends Loss {
    public final double delta;

    public HuberLoss() {
        this("mean", 1.0);
    }

    public HuberLoss(String reduction, double delta) {
        super(Loss.reduction("HuberLoss", reduction, false));
        if (delta <= 0) {
            throw new IllegalArgumentException("HuberLoss: delta must be positive, got " + delta);
        }
        this.delta = delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction, delta);
    }
}
