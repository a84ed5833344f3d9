package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Runs schedules one after another, switching at milestone epochs, as
 * {@code torch.optim.lr_scheduler.SequentialLR}. At each milestone the next schedule restarts from
 * its epoch 0 (its closed form at epoch 0). Its state dict nests the inner schedules' states under
 * {@code _schedulers.<i>.}.
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * var decay = new CosineAnnealingLR(opt, 95);
 * var sched = new SequentialLR(opt, List.of(warmup, decay), new int[] {5});
 * }</pre>
 */
public final class SequentialLR extends LRScheduler {
    private final LRScheduler[] schedulers;
    private final int[] milestones;

    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones) {
        super(optimizer);
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("SequentialLR expects at least one scheduler, but got no scheduler.");
        }
        NestedSchedules.checkMembers("SequentialLR", schedulers, optimizer);
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more"
                    + " than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.length);
        }
        this.schedulers = schedulers.toArray(new LRScheduler[0]);
        this.milestones = milestones.clone();
        lastEpoch = 0;
        // Undo what the inner schedules' constructors did: rates back to initial_lr, their steps un-counted.
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            optimizer.setLr(i, groups.get(i).getDouble("initial_lr"));
        }
        for (LRScheduler s : this.schedulers) {
            s.lastEpoch -= 1;
        }
        this.schedulers[0].initialStep();
        lastLr = this.schedulers[0].getLastLr();
    }

    @Override
    public void step() {
        lastEpoch++;
        stepCount++;
        int idx = Milestones.bisectRight(milestones, lastEpoch);
        LRScheduler s = schedulers[idx];
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            s.stepTo(0);
        } else {
            s.step();
        }
        lastLr = s.getLastLr();
    }

    @Override
    protected double[] computeLr() {
        throw new UnsupportedOperationException("SequentialLR delegates to its schedules");
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLongs(out, "_milestones", Milestones.toLongs(milestones));
        NestedSchedules.save(schedulers, out);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        long[] m = r.getLongs("_milestones");
        if (m.length != milestones.length) {
            throw new IllegalArgumentException("SequentialLR.loadStateDict: " + m.length + " milestones saved, this has "
                    + milestones.length);
        }
        System.arraycopy(Milestones.toInts(m), 0, milestones, 0, m.length);
        NestedSchedules.load(schedulers, r);
    }
}
