package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Kullback-Leibler divergence of log-probabilities {@code input} from {@code target} (probabilities,
 * or log-probabilities with logTarget), as {@code torch.nn.KLDivLoss}. Reduction "mean" (default,
 * per element, as PyTorch), "batchmean" (the true KL per sample), "sum" or "none".
 */
public final class KLDivLoss extends Loss {
    public final boolean logTarget;

    public KLDivLoss() {
        this("mean", false);
    }

    /** reduction "mean" (per element), "batchmean", "sum" or "none"; the target holds probabilities. */
    public KLDivLoss(String reduction) {
        this(reduction, false);
    }

    public KLDivLoss(String reduction, boolean logTarget) {
        super(Loss.reduction("KLDivLoss", reduction, true));
        this.logTarget = logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.klDiv(input, target, reduction, logTarget);
    }
}
