package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 0.5 x^2 / beta for |x| &lt; beta, else |x| - 0.5 beta, with x = input - target, as
 * {@code torch.nn.SmoothL1Loss} (defaults "mean", beta 1).
 */
public final class SmoothL1Loss extends Loss {
    public final double beta;

    public SmoothL1Loss() {
        this("mean", 1.0);
    }

    public SmoothL1Loss(String reduction, double beta) {
        super(Loss.reduction("SmoothL1Loss", reduction, false));
        if (beta < 0) {
            throw new IllegalArgumentException("SmoothL1Loss: beta must be non-negative, got " + beta);
        }
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction, beta);
    }
}
