package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Binary cross-entropy of probabilities in [0, 1] against targets in [0, 1], as
 * {@code torch.nn.BCELoss}; an optional element {@code weight} (a buffer, broadcast to the input).
 */
public final class BCELoss extends Loss {
    public final Tensor weight;

    public BCELoss() {
        this(null, "mean");
    }

    /** reduction "mean", "sum" or "none", no weight. */
    public BCELoss(String reduction) {
        this(null, reduction);
    }

    public BCELoss(Tensor weight, String reduction) {
        super(Loss.reduction("BCELoss", reduction, false));
        this.weight = registerBuffer("weight", weight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight, reduction);
    }
}
