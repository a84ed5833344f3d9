package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Cosine annealing from the base rate down to {@code etaMin} over {@code tMax} epochs (SGDR without
 * restarts, Loshchilov and Hutter, 2017, arXiv:1608.03983), as
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR}. Uses torch's recursive form
 * {@code lr_t = eta_min + (lr_{t-1} - eta_min) * (1 + cos(pi t / T)) / (1 + cos(pi (t-1) / T))}, so the
 * values match torch's step by step and follow any outside change of the rate; past {@code tMax}
 * the rate rises again along the cosine.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private int tMax;
    private double etaMin;

    /** etaMin defaults to 0. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: T_max must be positive, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return perGroup(this::recursiveLr);
    }

    /** Group i's rate for lastEpoch from its current rate, torch's get_lr() branches. */
    private double recursiveLr(int i) {
        double lr = groupLr(i);
        if (lastEpoch == 0) {
            return lr;
        } else if (stepCount == 1 && lastEpoch > 0) {
            return etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2;
        } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            return lr + (baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                * (lr - etaMin) + etaMin;
    }

    @Override
    protected double[] closedFormLr() {
        return perGroup(i -> etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * lastEpoch / tMax)) / 2);
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLong(out, "T_max", tMax);
        StateValues.putDouble(out, "eta_min", etaMin);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        tMax = (int) r.getLong("T_max");
        etaMin = r.getDouble("eta_min");
    }
}
