package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop (Hinton's lecture 6e; centered form from Graves, 2013, arXiv:1308.0850), as
 * {@code torch.optim.RMSprop}. Per element, with {@code g += weight_decay * p}:
 * <pre>
 *   square_avg = alpha * square_avg + (1 - alpha) * g * g
 *   avg        = sqrt(square_avg - grad_avg^2) + eps,  grad_avg = lerp(grad_avg, g, 1 - alpha)  (centered)
 *   avg        = sqrt(square_avg) + eps                                                       (otherwise)
 *   buf = momentum * buf + g / avg;  p -= lr * buf     (momentum > 0)
 *   p  -= lr * g / avg                                 (otherwise)
 * </pre>
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false, maximize false.
 *
 * <pre>{@code
 * var opt = RMSprop.builder(params).lr(1e-3).momentum(0.9).centered(true).build();
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    public RMSprop(Iterable<Tensor> params) {
        this(params, 1e-2);
    }

    public RMSprop(Iterable<Tensor> params, double lr) {
        this(singleGroup(params), lr);
    }

    /** Groups that do not set an option use the defaults, with {@code lr}. */
    public RMSprop(Collection<ParamGroup> groups, double lr) {
        this(groups, defaults(lr, 0.99, 1e-8, 0, 0, false, false));
    }

    private RMSprop(Collection<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, defaults);
    }

    private static Map<String, Object> defaults(double lr, double alpha, double eps, double weightDecay,
                                                double momentum, boolean centered, boolean maximize) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", momentum);
        d.put("alpha", alpha);
        d.put("eps", eps);
        d.put("centered", centered);
        d.put("weight_decay", weightDecay);
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
        Check.nonNegative(name(), g, "eps", "epsilon");
        Check.nonNegative(name(), g, "momentum", "momentum");
        Check.nonNegative(name(), g, "weight_decay", "weight_decay");
        Check.nonNegative(name(), g, "alpha", "alpha");
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        double momentumD = group.getDouble("momentum");
        boolean centered = group.getBool("centered");
        if (state.buffer("square_avg") == null) {
            state.setStep(0);
            state.put("square_avg", Tensor.zeros(param.shape()));
        }
        if (momentumD > 0 && state.buffer("momentum_buffer") == null) {
            state.put("momentum_buffer", Tensor.zeros(param.shape()));
        }
        if (centered && state.buffer("grad_avg") == null) {
            state.put("grad_avg", Tensor.zeros(param.shape()));
        }
        state.incrementStep();
        float[] sq = state.data("square_avg");
        float[] gAvg = centered ? state.data("grad_avg") : null;
        float[] buf = momentumD > 0 ? state.data("momentum_buffer") : null;

        double alphaD = group.getDouble("alpha");
        float alpha = (float) alphaD;
        float w = (float) (1 - alphaD);
        float eps = (float) group.getDouble("eps");
        float wd = (float) group.getDouble("weight_decay");
        float momentum = (float) momentumD;
        float negLr = (float) -group.lr();
        float sign = group.getBool("maximize") ? -1f : 1f;
        for (int i = 0; i < n; i++) {
            float gi = sign * g[gOff + i];
            if (wd != 0) {
                gi = gi + wd * p[pOff + i];
            }
            float s = sq[i] * alpha + w * gi * gi;
            sq[i] = s;
            float avg;
            if (gAvg != null) {
                float ga = AdamUpdate.lerp(gAvg[i], gi, w);
                gAvg[i] = ga;
                avg = (float) Math.sqrt(s + -1f * ga * ga);
            } else {
                avg = (float) Math.sqrt(s);
            }
            avg = avg + eps;
            if (buf != null) {
                float b = buf[i] * momentum + gi / avg;
                buf[i] = b;
                p[pOff + i] = p[pOff + i] + negLr * b;
            } else {
                p[pOff + i] = p[pOff + i] + negLr * (gi / avg);
            }
        }
    }

    /** Options for {@link RMSprop}, torch's defaults preset. */
    public static final class Builder {
        private final Collection<ParamGroup> groups;
        private double lr = 1e-2;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay;
        private double momentum;
        private boolean centered;
        private boolean maximize;

        private Builder(Collection<ParamGroup> groups) {
            this.groups = groups;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
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

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        public Builder maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        public RMSprop build() {
            return new RMSprop(groups, defaults(lr, alpha, eps, weightDecay, momentum, centered, maximize));
        }
    }
}
