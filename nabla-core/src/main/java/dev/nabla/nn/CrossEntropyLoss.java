package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.nn.functional.Reduction;
import dev.nabla.tensor.Tensor;

/**
 * Cross-entropy of logits against class indices (int64) or class probabilities, as
 * {@code torch.nn.CrossEntropyLoss}. Input (N, C) or (N, C, d1, ...), target (N) / (N, d1, ...) of
 * indices or the input's shape of probabilities. Options: a per-class {@code weight} (C) (a
 * buffer), {@code ignoreIndex} (default -100), {@code reduction} and {@code labelSmoothing}.
 */
public final class CrossEntropyLoss extends Loss {
    public final Tensor weight;
    public final int ignoreIndex;
    public final double labelSmoothing;

    public CrossEntropyLoss() {
        this(null, -100, "mean", 0.0);
    }

    public CrossEntropyLoss(Tensor weight, int ignoreIndex, String reduction, double labelSmoothing) {
        super(Loss.reduction("CrossEntropyLoss", reduction, false));
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0, got "
                    + labelSmoothing);
        }
        this.weight = registerBuffer("weight", weight);
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }
}
