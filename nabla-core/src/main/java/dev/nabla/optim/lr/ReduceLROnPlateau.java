package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Cuts the rate by {@code factor} when a metric stops improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Call {@link #step(double)} with the metric
 * (e.g. validation loss) once per epoch. A metric is an improvement when it beats the best so far by
 * the threshold (relative: {@code best * (1 -+ threshold)}, or absolute: {@code best -+ threshold});
 * after more than {@code patience} epochs without one, each group's rate becomes
 * {@code max(lr * factor, min_lr)} (changes smaller than eps are skipped) and a cooldown of
 * {@code cooldown} epochs starts during which bad epochs are not counted.
 * Defaults: mode "min", factor 0.1, patience 10, threshold 1e-4, threshold_mode "rel", cooldown 0,
 * min_lr 0, eps 1e-8. Mode and threshold mode are not part of the state dict.
 *
 * <pre>{@code
 * var sched = ReduceLROnPlateau.builder(opt).factor(0.5).patience(2).build();
 * sched.step(validationLoss);
 * }</pre>
 */
public final class ReduceLROnPlateau extends LRScheduler {
    private final boolean maxMode;
    private final boolean relative;
    private double factor;
    private int patience;
    private double threshold;
    private int cooldown;
    private double[] minLrs;
    private double eps;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;

    public ReduceLROnPlateau(Optimizer optimizer) {
        this(new Builder(optimizer));
    }

    private ReduceLROnPlateau(Builder b) {
        super(b.optimizer, false);
        if (b.factor >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau: Factor should be < 1.0, got factor="
                    + dev.nabla.optim.PyFloat.repr(b.factor));
        }
        int groups = groupCount();
        if (b.minLr.length == 1) {
            minLrs = new double[groups];
            java.util.Arrays.fill(minLrs, b.minLr[0]);
        } else if (b.minLr.length != groups) {
            throw new IllegalArgumentException("ReduceLROnPlateau: expected " + groups + " min_lrs, got " + b.minLr.length);
        } else {
            minLrs = b.minLr.clone();
        }
        if (!b.mode.equals("min") && !b.mode.equals("max")) {
            throw new IllegalArgumentException("ReduceLROnPlateau: mode " + b.mode + " is unknown! (expected min or max)");
        }
        if (!b.thresholdMode.equals("rel") && !b.thresholdMode.equals("abs")) {
            throw new IllegalArgumentException("ReduceLROnPlateau: threshold mode " + b.thresholdMode
                    + " is unknown! (expected rel or abs)");
        }
        maxMode = b.mode.equals("max");
        relative = b.thresholdMode.equals("rel");
        factor = b.factor;
        patience = b.patience;
        threshold = b.threshold;
        cooldown = b.cooldown;
        eps = b.eps;
        lastEpoch = 0;
        best = modeWorse();
    }

    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    private double modeWorse() {
        return maxMode ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Not available: this schedule needs the metric. */
    @Override
    public void step() {
        throw new UnsupportedOperationException("ReduceLROnPlateau.step needs the metric: call step(metric)");
    }

    @Override
    protected double[] computeLr() {
        throw new UnsupportedOperationException("ReduceLROnPlateau has no formula for the rate: call step(metric)");
    }

    /** Records one epoch's metric and reduces the rates after a plateau. */
    public void step(double metric) {
        lastEpoch++;
        stepCount++;
        if (isBetter(metric, best)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs during cooldown do not count
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = currentLrs();
    }

    private void reduceLr() {
        for (int i = 0; i < groupCount(); i++) {
            double old = groupLr(i);
            double next = Math.max(old * factor, minLrs[i]);
            if (old - next > eps) {
                optimizer.setLr(i, next);
            }
        }
    }

    private boolean isBetter(double a, double best) {
        if (!maxMode) {
            return relative ? a < best * (1 - threshold) : a < best - threshold;
        }
        return relative ? a > best * (threshold + 1) : a > best + threshold;
    }

    /** The best metric seen so far. */
    public double best() {
        return best;
    }

    public int numBadEpochs() {
        return numBadEpochs;
    }

    @Override
    protected void saveState(Map<String, Tensor> out) {
        StateValues.putDouble(out, "factor", factor);
        StateValues.putDoubles(out, "min_lrs", minLrs);
        StateValues.putLong(out, "patience", patience);
        StateValues.putLong(out, "cooldown", cooldown);
        StateValues.putLong(out, "cooldown_counter", cooldownCounter);
        StateValues.putDouble(out, "threshold", threshold);
        StateValues.putDouble(out, "best", best);
        StateValues.putLong(out, "num_bad_epochs", numBadEpochs);
        StateValues.putDouble(out, "eps", eps);
    }

    @Override
    protected void loadState(StateValues.Reader r) {
        factor = r.getDouble("factor");
        double[] m = r.getDoubles("min_lrs");
        if (m.length != groupCount()) {
            throw new IllegalArgumentException("ReduceLROnPlateau.loadStateDict: expected " + groupCount()
                    + " min_lrs, got " + m.length);
        }
        minLrs = m;
        patience = (int) r.getLong("patience");
        cooldown = (int) r.getLong("cooldown");
        cooldownCounter = (int) r.getLong("cooldown_counter");
        threshold = r.getDouble("threshold");
        best = r.getDouble("best");
        numBadEpochs = (int) r.getLong("num_bad_epochs");
        eps = r.getDouble("eps");
    }

    /** Options for {@link ReduceLROnPlateau}, torch's defaults preset. */
    public static final class Builder {
        private final Optimizer optimizer;
        private String mode = "min";
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private String thresholdMode = "rel";
        private int cooldown;
        private double[] minLr = {0};
        private double eps = 1e-8;

        private Builder(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        /** "min" (lower is better) or "max". */
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** "rel" or "abs". */
        public Builder thresholdMode(String thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** One floor for all groups, or one per group. */
        public Builder minLr(double... minLr) {
            this.minLr = minLr.clone();
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}
