package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities (N, C) or (N, C, d1, ...) against class indices, as
 * {@code torch.nn.NLLLoss}; options as {@link CrossEntropyLoss} without smoothing.
 */
public final class NLLLoss extends Loss {
    public final Tensor weight;
    public final int ignoreIndex;

    public NLLLoss() {
        this(null, -100, "mean");
    }

    /** reduction "mean", "sum" or "none", other options at their defaults. */
    public NLLLoss(String reduction) {
        this(null, -100, reduction);
    }

    public NLLLoss(Tensor weight, int ignoreIndex, String reduction) {
        super(Loss.reduction("NLLLoss", reduction, false));
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction);
    }
}
