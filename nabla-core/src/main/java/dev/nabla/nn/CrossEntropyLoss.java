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

    /** reduction "mean", "sum" or "none", other options at their defaults. */
    public CrossEntropyLoss(String reduction) {
        this(null, -100, reduction, 0.0);
    }

    /** Options by name, as PyTorch's keyword arguments. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link CrossEntropyLoss}: weight null, ignore_index -100, reduction "mean", label_smoothing 0. */
    public static final class Builder {
        private Tensor weight;
        private int ignoreIndex = -100;
        private String reduction = "mean";
        private double labelSmoothing;

        private Builder() {
        }

        public Builder weight(Tensor w) {
            weight = w;
            return this;
        }

        public Builder ignoreIndex(int i) {
            ignoreIndex = i;
            return this;
        }

        public Builder reduction(String r) {
            reduction = r;
            return this;
        }

        public Builder labelSmoothing(double s) {
            labelSmoothing = s;
            return this;
        }

        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
        }
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
