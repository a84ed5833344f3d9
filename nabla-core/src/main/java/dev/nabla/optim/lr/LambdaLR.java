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
        lambdas = new IntToDoubleFunction[groupCount()];
        java.util.Arrays.fill(lambdas, lambda);
        initialStep();
    }

    /** One function per group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
        super(optimizer);
        if (lambdas.size() != groupCount()) {
            throw new IllegalArgumentException("Expected " + groupCount() + " lr_lambdas, but got " + lambdas.size());
        }
        this.lambdas = lambdas.toArray(new IntToDoubleFunction[0]);
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        double[] out = new double[groupCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * lambdas[i].applyAsDouble(lastEpoch);
        }
        return out;
    }
}
