package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Sigmoid plus binary cross-entropy in one stable op, as {@code torch.nn.BCEWithLogitsLoss};
 * optional element {@code weight} and per-class {@code pos_weight} (both buffers).
 */
public final class BCEWithLogitsLoss extends Loss {
    public final Tensor weight;
    public final Tensor posWeight;

    public BCEWithLogitsLoss() {
        this(null, "mean", null);
    }

    /** reduction "mean", "sum" or "none", no weights. */
    public BCEWithLogitsLoss(String reduction) {
        this(null, reduction, null);
    }

    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(Loss.reduction("BCEWithLogitsLoss", reduction, false));
        this.weight = registerBuffer("weight", weight);
        this.posWeight = registerBuffer("pos_weight", posWeight);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }
}
