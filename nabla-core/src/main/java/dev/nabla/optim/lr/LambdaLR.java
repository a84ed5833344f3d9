package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each group's rate to {@code base_lr * lambda(epoch)}, as {@code torch.optim.lr_scheduler.LambdaLR}.
 * The functions are code, so the state dict holds only the epoch and rates (as torch, which skips
 * plain functions).
 *
 * <pre>{@code
 * var sched = new LambdaLR(opt, epoch -> Math.pow(0.95, epoch));
 * }</pre>
 */
public final class LambdaLR extends LRScheduler {
    private final IntToDoubleFunction[] lambdas;

    /** One function for every group. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lambda) {
        super(optimizer);
        lambdas = lambdasPerGroup(lambda);
        initialStep();
    }

    /** One function per group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
        super(optimizer);
        this.lambdas = lambdasPerGroup(lambdas);
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return perGroup(i -> baseLrs[i] * lambdas[i].applyAsDouble(lastEpoch));
    }
}
