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

    public static Builder builder(Iterable<Tensor> params) {
        return new Builder(singleGroup(params));
    }

    public static Builder builder(Collection<ParamGroup> groups) {
        return new Builder(groups);
    }

    @Override
    protected void validate(ParamGroup g) {
        Adam.check(g);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        AdamUpdate.apply(group, param, state, p, pOff, g, gOff, n, true);
    }

    /** Options for {@link AdamW}, torch's defaults preset. */
    public static final class Builder {
        private final Collection<ParamGroup> groups;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;
        private boolean amsgrad;
        private boolean maximize;

        private Builder(Collection<ParamGroup> groups) {
            this.groups = groups;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        public Builder maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        public AdamW build() {
            return new AdamW(groups, Adam.defaults(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize));
        }
    }
}
