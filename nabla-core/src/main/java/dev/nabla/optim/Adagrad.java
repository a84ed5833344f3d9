package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adagrad (Duchi et al., 2011), as {@code torch.optim.Adagrad}. Per element, with
 * {@code g += weight_decay * p} and {@code clr = lr / (1 + (t - 1) * lr_decay)}:
 * {@code sum += g * g; p -= clr * g / (sqrt(sum) + eps)}. As in torch the state (step 0 and
 * {@code sum = initial_accumulator_value}) exists from construction, so it appears in state dicts
 * before the first step. Defaults: lr 1e-2, lr_decay 0, weight_decay 0, initial_accumulator_value 0,
 * eps 1e-10, maximize false.
 *
 * <pre>{@code
 * var opt = Adagrad.builder(params).lr(0.1).initialAccumulatorValue(0.1).build();
 * }</pre>
 */
public final class Adagrad extends Optimizer {
    public Adagrad(Iterable<Tensor> params) {
        this(params, 1e-2);
    }

    public Adagrad(Iterable<Tensor> params, double lr) {
        this(singleGroup(params), lr);
    }

    /** Groups that do not set an option use the defaults, with {@code lr}. */
    public Adagrad(Collection<ParamGroup> groups, double lr) {
        this(groups, defaults(lr, 0, 0, 0, 1e-10, false));
    }

    private Adagrad(Collection<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, defaults);
        for (ParamGroup g : paramGroups()) {
            for (Tensor p : g.params()) {
                initState(g, p, stateOf(p));
            }
        }
    }

    private static Map<String, Object> defaults(double lr, double lrDecay, double weightDecay,
                                                double initialAccumulatorValue, double eps, boolean maximize) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("lr_decay", lrDecay);
        d.put("eps", eps);
        d.put("weight_decay", weightDecay);
        d.put("initial_accumulator_value", initialAccumulatorValue);
        d.put("maximize", maximize);
        return d;
    }

    public static Builder builder(Iterable<Tensor> params) {
        return new Builder(singleGroup(params));
    }

    public static Builder builder(Collection<ParamGroup> groups) {
        return new Builder(groups);
    }

    @Override
    protected void validate(ParamGroup g) {
        Check.lr(name(), g);
        Check.nonNegative(name(), g, "lr_decay", "lr_decay");
        Check.nonNegative(name(), g, "weight_decay", "weight_decay");
        Check.nonNegative(name(), g, "initial_accumulator_value", "initial_accumulator_value");
        Check.nonNegative(name(), g, "eps", "epsilon");
    }

    private static void initState(ParamGroup group, Tensor param, ParamState state) {
        state.setStep(0);
        float[] sum = new float[param.numel()];
        Arrays.fill(sum, (float) group.getDouble("initial_accumulator_value"));
        state.put("sum", Tensor.wrap(sum, param.shape()));
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        if (state.buffer("sum") == null) {
            initState(group, param, state);
        }
        long step = state.incrementStep();
        float[] sum = state.data("sum");
        float negClr = (float) -(group.lr() / (1 + (step - 1) * group.getDouble("lr_decay")));
        float wd = (float) group.getDouble("weight_decay");
        float eps = (float) group.getDouble("eps");
        float sign = group.getBool("maximize") ? -1f : 1f;
        for (int i = 0; i < n; i++) {
            float gi = sign * g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * p[pOff + i];
            }
            float s = sum[i] + 1f * gi * gi;
            sum[i] = s;
            float std = (float) Math.sqrt(s) + eps;
            p[pOff + i] = p[pOff + i] + negClr * (gi / std);
        }
    }

    /** Options for {@link Adagrad}, torch's defaults preset. */
    public static final class Builder {
        private final Collection<ParamGroup> groups;
        private double lr = 1e-2;
        private double lrDecay;
        private double weightDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;
        private boolean maximize;

        private Builder(Collection<ParamGroup> groups) {
            this.groups = groups;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder initialAccumulatorValue(double initialAccumulatorValue) {
            this.initialAccumulatorValue = initialAccumulatorValue;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        public Adagrad build() {
            return new Adagrad(groups, defaults(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize));
        }
    }
}
