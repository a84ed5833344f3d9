package dev.nabla.nn;

import dev.nabla.nn.functional.Reduction;
import dev.nabla.tensor.Tensor;

/**
 * The base of the loss modules, as PyTorch's {@code _Loss}: a module whose forward takes the
 * prediction and the target. Call it with {@link #call(Tensor, Tensor)} (runs hooks, which see both
 * tensors). The {@code reduction} is "none", "mean" (default) or "sum".
 *
 * <pre>{@code
 * CrossEntropyLoss criterion = new CrossEntropyLoss();
 * Tensor loss = criterion.call(model.call(x), labels);
 * }</pre>
 */
public abstract class Loss extends Module {
    public final Reduction reduction;

    protected Loss(Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(typeName() + ": reduction must not be null");
        }
        this.reduction = reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Runs the hooks around {@link #forward(Tensor, Tensor)}, as {@code criterion(input, target)}. */
    public final Tensor call(Tensor input, Tensor target) {
        return callHooked(new Tensor[] {input, target}, in -> forward(in[0], in[1]));
    }

    /** A loss needs a target: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public final Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(typeName() + " needs a target: call(input, target)");
    }

    /** Parses a PyTorch reduction name, allowing only the ones this loss supports. */
    static Reduction reduction(String layer, String name, boolean allowBatchMean) {
        Reduction r = Reduction.of(name);
        if (r == Reduction.BATCHMEAN && !allowBatchMean) {
            throw new IllegalArgumentException(layer + ": reduction must be 'none', 'mean' or 'sum', got 'batchmean'");
        }
        return r;
    }
}
