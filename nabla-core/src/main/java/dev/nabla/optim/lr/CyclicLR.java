package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.PyFloat;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Cyclical learning rates (Smith, 2017, arXiv:1506.01186), as {@code torch.optim.lr_scheduler.CyclicLR}:
 * the rate moves linearly from {@code base_lr} up to {@code max_lr} over {@code step_size_up} steps and
 * back down over {@code step_size_down} (default: the same), the height of each cycle scaled by the mode's
 * function: "triangular" 1, "triangular2" {@code 1 / 2^(cycle - 1)} (both of the cycle number),
 * "exp_range" {@code gamma^iteration} (of the step count), or a custom function with its scale mode.
 * With cycle_momentum the group momentum moves inversely between max_momentum and base_momentum.
 * Step it after every batch. Construction sets every group's rate to {@code base_lr}.
 *
 * <pre>{@code
 * var sched = CyclicLR.builder(opt, 0.001, 0.1).stepSizeUp(2000).mode("triangular2").build();
 * }</pre>
 */
public final class CyclicLR extends LRScheduler {
    private final double[] maxLrs;
    private final double totalSize;
    private final double stepRatio;
    private final String mode;
    private final double gamma;
    private final DoubleUnaryOperator scaleFn;
    private final boolean scaleByCycle;
    private final boolean cycleMomentum;
    private final double[] baseMomentums;
    private final double[] maxMomentums;

    private CyclicLR(Builder b) {
        super(setBaseLrs(b));
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] baseLrArg = perGroup("base_lr", b.baseLr, groups.size());
        maxLrs = perGroup("max_lr", b.maxLr, groups.size());
        if (!(b.stepSizeUp > 0)) {
            throw new IllegalArgumentException("CyclicLR: step_size_up must be positive, got " + PyFloat.repr(b.stepSizeUp));
        }
        double down = b.stepSizeDown == null ? b.stepSizeUp : b.stepSizeDown;
        if (!(down >= 0)) {
            throw new IllegalArgumentException("CyclicLR: step_size_down must be non-negative, got " + PyFloat.repr(down));
        }
        totalSize = b.stepSizeUp + down;
        stepRatio = b.stepSizeUp / totalSize;
        mode = b.mode;
        gamma = b.gamma;
        if (b.scaleFn != null) {
            if (!b.scaleMode.equals("cycle") && !b.scaleMode.equals("iterations")) {
                throw new IllegalArgumentException("CyclicLR: scale_mode must be 'cycle' or 'iterations', got '"
                        + b.scaleMode + "'");
            }
            scaleFn = b.scaleFn;
            scaleByCycle = b.scaleMode.equals("cycle");
        } else {
            switch (mode) {
                case "triangular" -> scaleFn = x -> 1.0;
                case "triangular2" -> scaleFn = x -> 1 / Math.pow(2.0, x - 1);
                case "exp_range" -> scaleFn = x -> Math.pow(gamma, x);
                default -> throw new IllegalArgumentException("CyclicLR: mode must be 'triangular', 'triangular2' or"
                        + " 'exp_range' when no scale_fn is given, got '" + mode + "'");
            }
            // the built-in modes fix the scale mode; a scale_mode argument is ignored, as in torch
            scaleByCycle = !mode.equals("exp_range");
        }
        cycleMomentum = b.cycleMomentum;
        if (cycleMomentum) {
            if (!optimizer.defaults().containsKey("momentum")) {
                throw new IllegalArgumentException("CyclicLR: optimizer " + optimizer.getClass().getSimpleName()
                        + " has no momentum, which cycle_momentum=true needs (pass cycleMomentum(false))");
            }
            double[] base = perGroup("base_momentum", b.baseMomentum, groups.size());
            for (int i = 0; i < groups.size(); i++) {
                groups.get(i).set("momentum", base[i]);
            }
            baseMomentums = base;
            maxMomentums = perGroup("max_momentum", b.maxMomentum, groups.size());
        } else {
            baseMomentums = null;
            maxMomentums = null;
        }
        // As in torch, the initial step runs with the base class's base rates, i.e. each group's
        // initial_lr, which is base_lr unless an earlier schedule left one; only then does base_lr
        // become the base of the cycle.
        initialStep();
        baseLrs = baseLrArg;
    }

    /** torch sets each group's lr to base_lr before the base class records initial_lr. */
    private static Optimizer setBaseLrs(Builder b) {
        if (b.optimizer == null) {
            throw new IllegalArgumentException("CyclicLR: optimizer is null");
        }
        List<ParamGroup> groups = b.optimizer.paramGroups();
        double[] base = perGroup("base_lr", b.baseLr, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            b.optimizer.setLr(i, base[i]);
        }
        return b.optimizer;
    }

    /** A builder for rates cycling between {@code baseLr} and {@code maxLr} (one value, or one per group). */
    public static Builder builder(Optimizer optimizer, double[] baseLr, double[] maxLr) {
        return new Builder(optimizer, baseLr, maxLr);
    }

    /** A builder for rates cycling between {@code baseLr} and {@code maxLr}, the same for every group. */
    public static Builder builder(Optimizer optimizer, double baseLr, double maxLr) {
        return new Builder(optimizer, new double[] {baseLr}, new double[] {maxLr});
    }

    private static double[] perGroup(String name, double[] values, int groups) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("CyclicLR: " + name + " needs a value");
        }
        if (values.length == 1) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("CyclicLR: expected " + groups + " values for " + name + ", got "
                    + values.length);
        }
        return values.clone();
    }

    @Override
    protected double[] computeLr() {
        // the same operations in the same order as torch, so the rates agree to the last bit or two
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1.0 + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scale = scaleFn.applyAsDouble(scaleByCycle ? cycle : lastEpoch);
        double[] lrs = perGroup(i -> baseLrs[i] + (maxLrs[i] - baseLrs[i]) * scaleFactor * scale);
        if (cycleMomentum) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < groups.size(); i++) {
                double baseHeight = (maxMomentums[i] - baseMomentums[i]) * scaleFactor;
                groups.get(i).set("momentum", maxMomentums[i] - baseHeight * scale);
            }
        }
        return lrs;
    }

    /** The mode: "triangular", "triangular2" or "exp_range" (ignored when a custom scale function is set). */
    public String mode() {
        return mode;
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putDoubles(out, "max_lrs", maxLrs);
        StateValues.putDouble(out, "total_size", totalSize);
        StateValues.putDouble(out, "step_ratio", stepRatio);
        StateValues.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        double[] saved = r.getDoubles("max_lrs");
        double size = r.getDouble("total_size");
        double ratio = r.getDouble("step_ratio");
        r.getDouble("gamma");
        if (saved.length != maxLrs.length || size != totalSize || ratio != stepRatio) {
            throw new IllegalArgumentException("CyclicLR.loadStateDict: the saved cycle (total_size " + PyFloat.repr(size)
                    + ", step_ratio " + PyFloat.repr(ratio) + ", " + saved.length + " max_lrs) differs from this"
                    + " schedule's (total_size " + PyFloat.repr(totalSize) + ", step_ratio " + PyFloat.repr(stepRatio)
                    + ", " + maxLrs.length + " max_lrs)");
        }
        System.arraycopy(saved, 0, maxLrs, 0, saved.length);
    }

    /** Options for {@link CyclicLR}, torch's defaults preset. */
    public static final class Builder {
        private final Optimizer optimizer;
        private final double[] baseLr;
        private final double[] maxLr;
        private double stepSizeUp = 2000;
        private Double stepSizeDown;
        private String mode = "triangular";
        private double gamma = 1.0;
        private DoubleUnaryOperator scaleFn;
        private String scaleMode = "cycle";
        private boolean cycleMomentum = true;
        private double[] baseMomentum = {0.8};
        private double[] maxMomentum = {0.9};

        private Builder(Optimizer optimizer, double[] baseLr, double[] maxLr) {
            this.optimizer = optimizer;
            this.baseLr = baseLr == null ? null : baseLr.clone();
            this.maxLr = maxLr == null ? null : maxLr.clone();
        }

        /** Steps of the rising half of a cycle (default 2000; may be fractional as in torch). */
        public Builder stepSizeUp(double stepSizeUp) {
            this.stepSizeUp = stepSizeUp;
            return this;
        }

        /** Steps of the falling half (default: stepSizeUp). */
        public Builder stepSizeDown(double stepSizeDown) {
            this.stepSizeDown = stepSizeDown;
            return this;
        }

        /** "triangular" (default), "triangular2" or "exp_range". */
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        /** The base of exp_range's {@code gamma^iteration} (default 1). */
        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** A custom scale function replacing the mode's, of the cycle number or the iteration count. */
        public Builder scaleFn(DoubleUnaryOperator scaleFn, String scaleMode) {
            this.scaleFn = scaleFn;
            this.scaleMode = scaleMode;
            return this;
        }

        public Builder cycleMomentum(boolean cycleMomentum) {
            this.cycleMomentum = cycleMomentum;
            return this;
        }

        public Builder baseMomentum(double... baseMomentum) {
            this.baseMomentum = baseMomentum.clone();
            return this;
        }

        public Builder maxMomentum(double... maxMomentum) {
            this.maxMomentum = maxMomentum.clone();
            return this;
        }

        public CyclicLR build() {
            return new CyclicLR(this);
        }
    }
}
