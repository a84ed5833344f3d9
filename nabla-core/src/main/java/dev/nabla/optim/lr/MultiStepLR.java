package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Multiplies the rate by {@code gamma} at each milestone epoch, as
 * {@code torch.optim.lr_scheduler.MultiStepLR}. A milestone listed twice decays twice.
 *
 * <pre>{@code
 * var sched = new MultiStepLR(opt, new int[] {30, 80}, 0.1);
 * }</pre>
 */
public final class MultiStepLR extends LRScheduler {
    private int[] milestones; // sorted, with repeats
    private double gamma;

    /** gamma defaults to 0.1. */
    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        int count = 0;
        for (int m : milestones) {
            count += m == lastEpoch ? 1 : 0;
        }
        return scaleCurrent(count == 0 ? 1 : Math.pow(gamma, count));
    }

    @Override
    protected double[] closedFormLr() {
        return scaleBase(Math.pow(gamma, Milestones.bisectRight(milestones, lastEpoch)));
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLongs(out, "milestones", Milestones.toLongs(milestones));
        StateValues.putDouble(out, "gamma", gamma);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        milestones = Milestones.toInts(r.getLongs("milestones"));
        Arrays.sort(milestones);
        gamma = r.getDouble("gamma");
    }
}
