package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015, arXiv:1412.6980), as {@code torch.optim.Adam}: L2 weight decay added to
 * the gradient, bias-corrected moments, eps added after dividing by {@code sqrt(1 - beta2^t)},
 * optional AMSGrad. State per parameter: step, exp_avg, exp_avg_sq (and max_exp_avg_sq).
 * Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad false, maximize false.
 *
 * <pre>{@code
 * var opt = Adam.builder(params).lr(3e-4).betas(0.9, 0.98).weightDecay(1e-4).amsgrad(true).build();
 * }</pre>
 */
public final class Adam extends Optimizer {
    public Adam(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    public Adam(Iterable<Tensor> params, double lr) {
        this(singleGroup(params), lr);
    }

    /** Groups that do not set an option use the defaults, with {@code lr}. */
    public Adam(Collection<ParamGroup> groups, double lr) {
        this(groups, defaults(lr, 0.9, 0.999, 1e-8, 0, false, false));
    }

    private Adam(Collection<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, defaults);
    }

    static Map<String, Object> defaults(double lr, double beta1, double beta2, double eps, double weightDecay,
                                        boolean amsgrad, boolean maximize) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("betas", new double[] {beta1, beta2});
        d.put("eps", eps);
        d.put("weight_decay", weightDecay);
        d.put("amsgrad", amsgrad);
        d.put("maximize", maximize);
        return d;
    }

    static void check(String owner, ParamGroup g) {
        Check.lr(owner, g);
        Check.nonNegative(owner, g, "eps", "epsilon");
        Check.betas(owner, g);
        Check.nonNegative(owner, g, "weight_decay", "weight_decay");
    }

    public static AdamBuilder<Adam> builder(Iterable<Tensor> params) {
        return builder(singleGroup(params));
    }

    public static AdamBuilder<Adam> builder(Collection<ParamGroup> groups) {
        return new AdamBuilder<>(groups, 0, Adam::new);
    }

    @Override
    protected void validate(ParamGroup g) {
        check(name(), g);
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        AdamUpdate.apply(group, param, state, p, pOff, g, gOff, n, false);
    }
}
