package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Multiplies each group's rate by {@code lambda(epoch)} at every step after the first, as
 * {@code torch.optim.lr_scheduler.MultiplicativeLR}. The functions are not saved in the state dict.
 */
public final class MultiplicativeLR extends LRScheduler {
    private final IntToDoubleFunction[] lambdas;

    /** One function for every group. */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lambda) {
        super(optimizer);
        lambdas = lambdasPerGroup(lambda);
        initialStep();
    }

    /** One function per group. */
    public MultiplicativeLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
        super(optimizer);
        this.lambdas = lambdasPerGroup(lambdas);
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return perGroup(i -> lastEpoch > 0 ? groupLr(i) * lambdas[i].applyAsDouble(lastEpoch) : groupLr(i));
    }
}
