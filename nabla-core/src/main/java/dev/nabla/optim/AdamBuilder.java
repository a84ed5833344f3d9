package dev.nabla.optim;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Options for {@link Adam} and {@link AdamW} (the same hyperparameters; only AdamW's weight-decay
 * default and its decoupled update differ), with torch's defaults preset.
 *
 * @param <O> the optimizer it builds
 */
public final class AdamBuilder<O extends Optimizer> {
    private final Collection<ParamGroup> groups;
    private final BiFunction<Collection<ParamGroup>, Map<String, Object>, O> make;
    private double lr = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;
    private boolean maximize;

    AdamBuilder(Collection<ParamGroup> groups, double weightDecay,
                BiFunction<Collection<ParamGroup>, Map<String, Object>, O> make) {
        this.groups = groups;
        this.weightDecay = weightDecay;
        this.make = make;
    }

    public AdamBuilder<O> lr(double lr) {
        this.lr = lr;
        return this;
    }

    public AdamBuilder<O> betas(double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    public AdamBuilder<O> eps(double eps) {
        this.eps = eps;
        return this;
    }

    public AdamBuilder<O> weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public AdamBuilder<O> amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    public AdamBuilder<O> maximize(boolean maximize) {
        this.maximize = maximize;
        return this;
    }

    public O build() {
        return make.apply(groups, Adam.defaults(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize));
    }
}
