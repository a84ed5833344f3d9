package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, weight decay and Nesterov
 * momentum, as {@code torch.optim.SGD}. Per element, with {@code d = g + weight_decay * p}:
 * <pre>
 *   buf = d                                  (first step)
 *   buf = momentum * buf + (1 - dampening) * d (later steps)
 *   d   = nesterov ? d + momentum * buf : buf   (when momentum != 0)
 *   p  -= lr * d
 * </pre>
 * Defaults: lr 1e-3, momentum 0, dampening 0, weight_decay 0, nesterov false, maximize false.
 *
 * <pre>{@code
 * var opt = SGD.builder(params).lr(0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
    public SGD(Iterable<Tensor> params, double lr) {
        this(singleGroup(params), lr);
    }

    /** Groups that do not set {@code lr} use {@code lr}. */
    public SGD(Collection<ParamGroup> groups, double lr) {
        this(groups, defaults(lr, 0, 0, 0, false, false));
    }

    private SGD(Collection<ParamGroup> groups, Map<String, Object> defaults) {
        super(groups, defaults);
    }

    private static Map<String, Object> defaults(double lr, double momentum, double dampening, double weightDecay,
                                                boolean nesterov, boolean maximize) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("lr", lr);
        d.put("momentum", momentum);
        d.put("dampening", dampening);
        d.put("weight_decay", weightDecay);
        d.put("nesterov", nesterov);
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
        Check.nonNegative(name(), g, "momentum", "momentum");
        Check.nonNegative(name(), g, "weight_decay", "weight_decay");
        if (g.getBool("nesterov") && (g.getDouble("momentum") <= 0 || g.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException(name() + ": Nesterov momentum requires a momentum and zero dampening"
                    + " (got momentum=" + PyFloat.repr(g.getDouble("momentum")) + ", dampening="
                    + PyFloat.repr(g.getDouble("dampening")) + ")");
        }
    }

    @Override
    protected void update(ParamGroup group, Tensor param, ParamState state,
                          float[] p, int pOff, float[] g, int gOff, int n) {
        float negLr = (float) -group.lr();
        float wd = (float) group.getDouble("weight_decay");
        double momentumD = group.getDouble("momentum");
        float momentum = (float) momentumD;
        float keep = (float) (1 - group.getDouble("dampening"));
        boolean nesterov = group.getBool("nesterov");
        float sign = group.getBool("maximize") ? -1f : 1f;
        if (momentumD == 0) {
            for (int i = 0; i < n; i++) {
                float d = sign * g[gOff + i];
                if (wd != 0) {
                    d = d + wd * p[pOff + i];
                }
                p[pOff + i] = p[pOff + i] + negLr * d;
            }
            return;
        }
        Tensor bufT = state.buffer("momentum_buffer");
        boolean first = bufT == null;
        if (first) {
            // torch clones d on the first step: no dampening applied to it
            bufT = Tensor.zeros(param.shape());
            state.put("momentum_buffer", bufT);
        }
        float[] buf = bufT.storageFloats();
        for (int i = 0; i < n; i++) {
            float d = sign * g[gOff + i];
            if (wd != 0) {
                d = d + wd * p[pOff + i];
            }
            float b = first ? d : buf[i] * momentum + keep * d;
            buf[i] = b;
            d = nesterov ? d + momentum * b : b;
            p[pOff + i] = p[pOff + i] + negLr * d;
        }
    }

    /** Options for {@link SGD}, torch's defaults preset. */
    public static final class Builder {
        private final Collection<ParamGroup> groups;
        private double lr = 1e-3;
        private double momentum;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;
        private boolean maximize;

        private Builder(Collection<ParamGroup> groups) {
            this.groups = groups;
        }

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        public SGD build() {
            return new SGD(groups, defaults(lr, momentum, dampening, weightDecay, nesterov, maximize));
        }
    }
}
