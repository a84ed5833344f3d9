package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.PyFloat;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy (Smith and Topin, 2017, arXiv:1708.07120), as
 * {@code torch.optim.lr_scheduler.OneCycleLR}: the rate rises from {@code max_lr / div_factor} to
 * {@code max_lr} over the first {@code pct_start} of the steps, then anneals to
 * {@code initial_lr / final_div_factor}; with three_phase it first comes back down to the initial rate
 * symmetrically. With cycle_momentum the momentum (or Adam's beta1) moves inversely between
 * max_momentum and base_momentum. Step it after every batch; it runs for {@code total_steps}
 * (or {@code epochs * steps_per_epoch}) steps.
 *
 * <pre>{@code
 * var sched = OneCycleLR.builder(opt, 0.1).epochs(10).stepsPerEpoch(len).build();
 * }</pre>
 */
public final class OneCycleLR extends LRScheduler {
    private final int totalSteps;
    private final Phase[] phases;
    private final boolean cosine;
    private final boolean cycleMomentum;
    private final boolean useBeta1;
    private final double pctStart;

    /** A stretch of the schedule ending at {@code endStep}, from one group option to another. */
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {
    }

    private OneCycleLR(Builder b) {
        super(b.optimizer);
        List<ParamGroup> groups = optimizer.paramGroups();
        if (b.totalSteps == null && (b.epochs == null || b.stepsPerEpoch == null)) {
            throw new IllegalArgumentException("OneCycleLR: You must define either total_steps OR (epochs AND steps_per_epoch)");
        }
        if (b.totalSteps != null) {
            if (b.totalSteps <= 0) {
                throw new IllegalArgumentException("OneCycleLR: Expected positive integer total_steps, but got " + b.totalSteps);
            }
            totalSteps = b.totalSteps;
        } else {
            if (b.epochs <= 0) {
                throw new IllegalArgumentException("OneCycleLR: Expected positive integer epochs, but got " + b.epochs);
            }
            if (b.stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("OneCycleLR: Expected positive integer steps_per_epoch, but got " + b.stepsPerEpoch);
            }
            totalSteps = b.epochs * b.stepsPerEpoch;
        }
        if (b.threePhase) {
            phases = new Phase[] {
                new Phase(b.pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(2 * b.pctStart * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum")};
        } else {
            phases = new Phase[] {
                new Phase(b.pctStart * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum")};
        }
        if (!(b.pctStart >= 0 && b.pctStart <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: Expected float between 0 and 1 pct_start, but got " + PyFloat.repr(b.pctStart));
        }
        if (!b.annealStrategy.equals("cos") && !b.annealStrategy.equals("linear")) {
            throw new IllegalArgumentException("OneCycleLR: anneal_strategy must be one of 'cos' or 'linear', instead got "
                    + b.annealStrategy);
        }
        cosine = b.annealStrategy.equals("cos");
        pctStart = b.pctStart;
        double[] maxLrs = perGroup("max_lr", b.maxLr, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            double initial = maxLrs[i] / b.divFactor;
            g.set("initial_lr", initial);
            g.set("max_lr", maxLrs[i]);
            g.set("min_lr", initial / b.finalDivFactor);
            baseLrs[i] = initial;
        }
        cycleMomentum = b.cycleMomentum;
        if (cycleMomentum) {
            Map<String, Object> defaults = optimizer.defaults();
            if (!defaults.containsKey("momentum") && !defaults.containsKey("betas")) {
                throw new IllegalArgumentException("OneCycleLR: optimizer " + optimizer.name()
                        + " must support momentum or beta1 with `cycle_momentum` option enabled");
            }
            useBeta1 = defaults.containsKey("betas");
            double[] maxM = perGroup("max_momentum", b.maxMomentum, groups.size());
            double[] baseM = perGroup("base_momentum", b.baseMomentum, groups.size());
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                setMomentum(g, maxM[i]);
                g.set("max_momentum", maxM[i]);
                g.set("base_momentum", baseM[i]);
            }
        } else {
            useBeta1 = false;
        }
        initialStep();
    }

    /** A builder for a schedule peaking at {@code maxLr} (one value, or one per group). */
    public static Builder builder(Optimizer optimizer, double... maxLr) {
        return new Builder(optimizer, maxLr);
    }

    private static double[] perGroup(String name, double[] values, int groups) {
        if (values.length == 1) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("OneCycleLR: " + name + " must have the same length as optimizer.param_groups. " + name
                    + " has " + values.length + " values, param_groups has " + groups + ".");
        }
        return values.clone();
    }

    private void setMomentum(ParamGroup g, double m) {
        if (useBeta1) {
            double[] betas = g.getDoubles("betas");
            betas[0] = m;
            g.set("betas", betas);
        } else {
            g.set("momentum", m);
        }
    }

    private double anneal(double start, double end, double pct) {
        if (cosine) {
            double cosOut = Math.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    protected double[] computeLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + stepNum + " times. The specified number of total steps is "
                    + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int gi = 0; gi < out.length; gi++) {
            ParamGroup g = groups.get(gi);
            double startStep = 0;
            for (int i = 0; i < phases.length; i++) {
                Phase ph = phases[i];
                if (stepNum <= ph.endStep || i == phases.length - 1) {
                    if (ph.endStep == startStep) {
                        // torch fails here with a ZeroDivisionError; a NaN rate would silently poison training
                        throw new IllegalArgumentException("OneCycleLR: phase " + (i + 1) + " of the schedule has no"
                                + " steps (it starts and ends at step " + PyFloat.repr(startStep) + ") with pct_start="
                                + PyFloat.repr(pctStart) + ", total_steps=" + totalSteps + (phases.length == 3
                                ? ", three_phase=true" : "") + "; choose pct_start so that every phase spans a step");
                    }
                    double pct = (stepNum - startStep) / (ph.endStep - startStep);
                    out[gi] = anneal(g.getDouble(ph.startLr), g.getDouble(ph.endLr), pct);
                    if (cycleMomentum) {
                        setMomentum(g, anneal(g.getDouble(ph.startMomentum), g.getDouble(ph.endMomentum), pct));
                    }
                    break;
                }
                startStep = ph.endStep;
            }
        }
        return out;
    }

    /** The number of steps the schedule covers. */
    public int totalSteps() {
        return totalSteps;
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLong(out, "total_steps", totalSteps);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        long saved = r.getLong("total_steps");
        if (saved != totalSteps) {
            throw new IllegalArgumentException("OneCycleLR.loadStateDict: saved total_steps " + saved
                    + " differs from this schedule's " + totalSteps);
        }
    }

    /** Options for {@link OneCycleLR}, torch's defaults preset. */
    public static final class Builder {
        private final Optimizer optimizer;
        private final double[] maxLr;
        private Integer totalSteps;
        private Integer epochs;
        private Integer stepsPerEpoch;
        private double pctStart = 0.3;
        private String annealStrategy = "cos";
        private boolean cycleMomentum = true;
        private double[] baseMomentum = {0.85};
        private double[] maxMomentum = {0.95};
        private double divFactor = 25.0;
        private double finalDivFactor = 1e4;
        private boolean threePhase;

        private Builder(Optimizer optimizer, double[] maxLr) {
            this.optimizer = optimizer;
            this.maxLr = maxLr.clone();
        }

        public Builder totalSteps(int totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder stepsPerEpoch(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        public Builder pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** "cos" (default) or "linear". */
        public Builder annealStrategy(String annealStrategy) {
            this.annealStrategy = annealStrategy;
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

        public Builder divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        public OneCycleLR build() {
            return new OneCycleLR(this);
        }
    }
}
