package dev.nabla.optim.lr;

import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Steps several chainable schedules together, each applying its change to the rate the previous one
 * left, as {@code torch.optim.lr_scheduler.ChainedScheduler} (e.g. a warm-up factor times a decay).
 * Its state dict nests the inner schedules' states under {@code _schedulers.<i>.}.
 *
 * <pre>{@code
 * var sched = new ChainedScheduler(List.of(new ConstantLR(opt, 0.1, 20), new ExponentialLR(opt, 0.9)));
 * }</pre>
 */
public final class ChainedScheduler extends LRScheduler {
    private final LRScheduler[] schedulers;

    public ChainedScheduler(List<? extends LRScheduler> schedulers) {
        super(first(schedulers).optimizer());
        NestedSchedules.checkMembers("ChainedScheduler", schedulers, optimizer);
        this.schedulers = schedulers.toArray(new LRScheduler[0]);
        lastLr = currentLrs();
    }

    private static LRScheduler first(List<? extends LRScheduler> schedulers) {
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException(
                    "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
        }
        return schedulers.get(0);
    }

    @Override
    public void step() {
        for (LRScheduler s : schedulers) {
            s.step();
        }
        lastLr = currentLrs();
    }

    @Override
    protected double[] computeLr() {
        throw new UnsupportedOperationException("ChainedScheduler delegates to its schedules");
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        NestedSchedules.save(schedulers, out);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        NestedSchedules.load(schedulers, r);
    }
}
