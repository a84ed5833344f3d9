package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.PyFloat;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter, 2017, arXiv:1608.03983), as
 * {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}:
 * {@code lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2}, where T_cur counts epochs
 * since the last restart and the period T_i starts at {@code t0} and is multiplied by {@code tMult} at
 * each restart. {@link #step(double)} accepts fractional epochs (e.g. {@code epoch + batch / batches}).
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private int t0;
    private int tMult;
    private double etaMin;
    private double tI;
    private double tCur = -1;

    /** tMult 1, etaMin 0. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, t0, 1, 0);
    }

    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        super(optimizer);
        if (t0 <= 0) {
            throw new IllegalArgumentException("CosineAnnealingWarmRestarts: Expected positive integer T_0, but got " + t0);
        }
        if (tMult < 1) {
            throw new IllegalArgumentException("CosineAnnealingWarmRestarts: Expected integer T_mult >= 1, but got " + tMult);
        }
        this.t0 = t0;
        this.tI = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double[] computeLr() {
        return perGroup(i -> etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2);
    }

    /** Advances one epoch, restarting the cosine when the period is used up. */
    @Override
    public void step() {
        if (lastEpoch < 0) {
            step(0);
            return;
        }
        stepCount++;
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur % tI;
            tI = tI * tMult;
        }
        lastEpoch++;
        apply(computeLr());
    }

    /** Jumps to a (possibly fractional) epoch. */
    public void step(double epoch) {
        if (!(epoch >= 0)) {
            throw new IllegalArgumentException("CosineAnnealingWarmRestarts: Expected non-negative epoch, but got " + PyFloat.repr(epoch));
        }
        stepCount++;
        if (epoch >= t0) {
            if (tMult == 1) {
                tCur = epoch % t0;
            } else {
                int n = (int) (Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
                tCur = epoch - t0 * (Math.pow(tMult, n) - 1) / (tMult - 1);
                tI = t0 * Math.pow(tMult, n);
            }
        } else {
            tI = t0;
            tCur = epoch;
        }
        lastEpoch = (int) Math.floor(epoch);
        apply(computeLr());
    }

    @Override
    void stepTo(int epoch) {
        step(epoch);
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putLong(out, "T_0", t0);
        StateValues.putDouble(out, "T_i", tI);
        StateValues.putLong(out, "T_mult", tMult);
        StateValues.putDouble(out, "eta_min", etaMin);
        StateValues.putDouble(out, "T_cur", tCur);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        t0 = (int) r.getLong("T_0");
        tI = r.getDouble("T_i");
        tMult = (int) r.getLong("T_mult");
        etaMin = r.getDouble("eta_min");
        tCur = r.getDouble("T_cur");
    }
}
