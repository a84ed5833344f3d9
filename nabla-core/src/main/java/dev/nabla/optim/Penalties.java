package dev.nabla.optim;

import dev.nabla.tensor.Tensor;

/**
 * Weight penalties to add to a loss: differentiable scalars built from tensor ops, so backward adds
 * their gradients ({@code sign(w)} for L1, {@code 2w} for L2) to each parameter.
 *
 * <pre>{@code
 * Tensor loss = F.crossEntropy(logits, y).add(Penalties.l2Penalty(weights).mul(1e-4));
 * }</pre>
 */
public final class Penalties {
    private Penalties() {
    }

    /** {@code sum over params of sum |w|}, a 0-dim tensor (0 for no parameters). */
    public static Tensor l1Penalty(Iterable<Tensor> params) {
        Tensor total = null;
        for (Tensor p : params) {
            Tensor term = p.abs().sum();
            total = total == null ? term : total.add(term);
        }
        return total == null ? Tensor.scalar(0f) : total;
    }

    /** {@code sum over params of sum w^2}, a 0-dim tensor (0 for no parameters). */
    public static Tensor l2Penalty(Iterable<Tensor> params) {
        Tensor total = null;
        for (Tensor p : params) {
            Tensor term = p.mul(p).sum();
            total = total == null ? term : total.add(term);
        }
        return total == null ? Tensor.scalar(0f) : total;
    }
}
