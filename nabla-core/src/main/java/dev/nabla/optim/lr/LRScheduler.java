package dev.nabla.optim.lr;

import dev.nabla.io.Stateful;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The base of learning-rate schedules, as {@code torch.optim.lr_scheduler.LRScheduler}. On creation it
 * records each group's {@code initial_lr} (the base lr) and, like torch, performs the initial step,
 * so that after construction {@code lastEpoch() == 0} and the groups hold the epoch-0 rate. Call
 * {@link #step()} once after each {@code optimizer.step()}.
 *
 * <p>Subclasses compute the next rates in torch's chainable form from the groups' current rates
 * ({@link #computeLr()}), which is what makes values match torch's step by step; schedules with a
 * closed form also give it ({@link #closedFormLr()}), used when jumping to an epoch (SequentialLR).
 * Subclass constructors set their fields, then call {@link #initialStep()}.
 *
 * <pre>{@code
 * var sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) { train(opt); sched.step(); }
 * }</pre>
 */
public abstract class LRScheduler implements Stateful {
    protected final Optimizer optimizer;
    protected double[] baseLrs;
    protected int lastEpoch = -1;
    protected int stepCount;
    protected double[] lastLr;

    /** Records {@code initial_lr} in every group that lacks it and takes the base rates from it. */
    protected LRScheduler(Optimizer optimizer) {
        this(optimizer, true);
    }

    /** With {@code usesInitialLr} false (ReduceLROnPlateau) the groups are left untouched. */
    protected LRScheduler(Optimizer optimizer, boolean usesInitialLr) {
        if (optimizer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": optimizer is null");
        }
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            if (usesInitialLr) {
                if (!g.has("initial_lr")) {
                    g.set("initial_lr", g.lr());
                }
                baseLrs[i] = g.getDouble("initial_lr");
            } else {
                baseLrs[i] = g.lr();
            }
        }
        lastLr = currentLrs();
    }

    /** The rates for {@link #lastEpoch} (already advanced), torch's {@code get_lr()}. */
    protected abstract double[] computeLr();

    /** The rates for {@link #lastEpoch} computed directly from the base rates; by default {@link #computeLr()}. */
    protected double[] closedFormLr() {
        return computeLr();
    }

    /** torch's {@code _initial_step}: resets the step count and steps once. */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /** Advances one epoch (or iteration) and writes the new rates into the optimizer's groups. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(computeLr());
    }

    /** Jumps to {@code epoch} using the closed form (torch's deprecated {@code step(epoch)}). */
    void stepTo(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        apply(closedFormLr());
    }

    void apply(double[] lrs) {
        for (int i = 0; i < lrs.length; i++) {
            optimizer.setLr(i, lrs[i]);
        }
        lastLr = currentLrs();
    }

    double[] currentLrs() {
        return perGroup(this::groupLr);
    }

    /** One rate per group, {@code rateOfGroup.applyAsDouble(i)} for group i. */
    protected final double[] perGroup(IntToDoubleFunction rateOfGroup) {
        double[] out = new double[groupCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rateOfGroup.applyAsDouble(i);
        }
        return out;
    }

    /** Each group's current rate times {@code factor} (torch's chainable form). */
    protected final double[] scaleCurrent(double factor) {
        return perGroup(i -> groupLr(i) * factor);
    }

    /** Each group's base rate times {@code factor} (the closed form). */
    protected final double[] scaleBase(double factor) {
        return perGroup(i -> baseLrs[i] * factor);
    }

    /** The same function for every group (LambdaLR, MultiplicativeLR). */
    final IntToDoubleFunction[] lambdasPerGroup(IntToDoubleFunction lambda) {
        IntToDoubleFunction[] lambdas = new IntToDoubleFunction[groupCount()];
        java.util.Arrays.fill(lambdas, lambda);
        return lambdas;
    }

    /** One function per group, checked against the group count as torch does. */
    final IntToDoubleFunction[] lambdasPerGroup(List<IntToDoubleFunction> lambdas) {
        if (lambdas.size() != groupCount()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": Expected " + groupCount() + " lr_lambdas, but got " + lambdas.size());
        }
        return lambdas.toArray(new IntToDoubleFunction[0]);
    }

    /** The current rate of group {@code i}. */
    protected double groupLr(int i) {
        return optimizer.paramGroups().get(i).lr();
    }

    protected int groupCount() {
        return optimizer.paramGroups().size();
    }

    /** The rates the last step set, one per group. */
    public double[] getLastLr() {
        return lastLr.clone();
    }

    /** The number of steps taken (0 after construction). */
    public int lastEpoch() {
        return lastEpoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The base rates ({@code initial_lr} of each group). */
    public double[] baseLrs() {
        return baseLrs.clone();
    }

    // ------------------------------------------------------------------ state dict

    /** Subclasses add their own fields (torch saves every attribute but the optimizer). */
    protected void saveState(Map<String, Tensor> out) {
    }

    protected void loadState(StateValues.Reader r) {
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StateValues.putDoubles(out, "base_lrs", baseLrs);
        StateValues.putLong(out, "last_epoch", lastEpoch);
        StateValues.putLong(out, "_step_count", stepCount);
        StateValues.putDoubles(out, "_last_lr", lastLr);
        saveState(out);
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        StateValues.Reader r = new StateValues.Reader(getClass().getSimpleName() + ".loadStateDict", state);
        double[] base = r.getDoubles("base_lrs");
        double[] last = r.getDoubles("_last_lr");
        if (base.length != groupCount() || last.length != groupCount()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadStateDict: state has "
                    + base.length + " base_lrs for an optimizer with " + groupCount() + " param groups");
        }
        baseLrs = base;
        lastLr = last;
        lastEpoch = (int) r.getLong("last_epoch");
        stepCount = (int) r.getLong("_step_count");
        loadState(r);
        r.finish();
    }

    /** Python-like list formatting for messages and toString. */
    static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dev.nabla.optim.PyFloat.repr(v[i]));
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(last_epoch=" + lastEpoch + ", last_lr=" + list(lastLr) + ")";
    }
}
