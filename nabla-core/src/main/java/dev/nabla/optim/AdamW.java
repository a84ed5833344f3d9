package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Collection;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, 2019, arXiv:1711.05101), as {@code torch.optim.AdamW}: Adam with
 * decoupled weight decay, {@code p *= 1 - lr * weight_decay} before the moment update instead of
 * adding {@code weight_decay * p} to the gradient. Same state as {@link Adam}.
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2, amsgrad false, maximize false.
 *
 * <pre>{@code
 * var opt = AdamW.builder(params).lr(1e-3).weightDecay(0.05).build();
 * }</pre>
 */
public final class AdamW extends Optimizer {
    public AdamW(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    public AdamW(Iterable<Tensor> params, double lr) {
        this(singleGroup(params), lr);
    }

    /** Groups that do not set an option use the defaults, with {@code lr}. */
    public AdamW(Collection<ParamGroup> groups, double lr) {
        this(groups, Adam.defaults(lr, 0.9, 0.999, 1e-8, 1e-2, false, false));
    }

    private AdamW(Collection<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, defaults);
    }

    public static AdamBuilder<AdamW> builder(Iterable<Tensor> params) {
        return builder(singleGroup(params));
    }

    public static AdamBuilder<AdamW> builder(Collection<ParamGroup> groups) {
        return new AdamBuilder<>(groups, 1e-2, AdamW::new);
    }

    @Override
    protected void validate(ParamGroup g) {
        Adam.check(name(), g);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        AdamUpdate.apply(group, param, state, p, pOff, g, gOff, n, true);
    }
}
