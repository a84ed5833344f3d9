package dev.nabla.train.callbacks;

import dev.nabla.io.Stateful;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.StateValues;
import dev.nabla.train.TrainContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored metric has not improved for {@code patience} epochs, as Keras'
 * {@code EarlyStopping}. With {@code restoreBestWeights} the model ends with the weights of its best
 * epoch (a copy kept in memory and in checkpoints, so a resumed run restores the same ones).
 *
 * <pre>{@code
 * new EarlyStopping(new Monitor("val_loss", "min", 1e-4), 3, true)
 * }</pre>
 */
public final class EarlyStopping implements Callback, Stateful {
    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private double best;
    private long wait;
    private long bestEpoch = -1;
    private long stoppedEpoch = -1;
    private Map<String, Tensor> bestWeights;

    public EarlyStopping(Monitor monitor, int patience, boolean restoreBestWeights) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.best = monitor.initial();
    }

    /** Monitors {@code key} in auto mode with minDelta 0, restoring the best weights. */
    public EarlyStopping(String key, int patience) {
        this(new Monitor(key, "auto", 0), patience, true);
    }

    @Override
    public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
        double v = monitor.valueIn("EarlyStopping", logs);
        if (monitor.improved(v, best)) {
            best = v;
            wait = 0;
            bestEpoch = ctx.epoch(); // epochs completed at this point (1-based epoch number)
            if (restoreBestWeights) {
                bestWeights = copy(ctx.model().stateDict());
            }
        } else {
            wait++;
            if (wait > patience) {
                stoppedEpoch = ctx.epoch();
                ctx.stopTraining();
            }
        }
    }

    @Override
    public void onTrainEnd(TrainContext ctx) {
        if (restoreBestWeights && bestWeights != null) {
            ctx.model().loadStateDict(bestWeights);
        }
    }

    /** The best value seen. */
    public double best() {
        return best;
    }

    /** The 1-based epoch that gave the best value, or -1. */
    public long bestEpoch() {
        return bestEpoch;
    }

    /** The 1-based epoch after which training was stopped, or -1 if it ran to the end. */
    public long stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public String stateName() {
        return "early_stopping";
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("best", StateValues.ofDouble(best));
        m.put("wait", StateValues.ofLong(wait));
        m.put("best_epoch", StateValues.ofLong(bestEpoch));
        m.put("stopped_epoch", StateValues.ofLong(stoppedEpoch));
        if (bestWeights != null) {
            bestWeights.forEach((k, t) -> m.put("best_weights." + k, t));
        }
        return m;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        best = StateValues.getDouble("EarlyStopping", state, "best");
        wait = StateValues.getLong("EarlyStopping", state, "wait");
        bestEpoch = StateValues.getLong("EarlyStopping", state, "best_epoch");
        stoppedEpoch = StateValues.getLong("EarlyStopping", state, "stopped_epoch");
        Map<String, Tensor> w = new LinkedHashMap<>();
        state.forEach((k, t) -> {
            if (k.startsWith("best_weights.")) {
                w.put(k.substring("best_weights.".length()), t.clone());
            }
        });
        bestWeights = w.isEmpty() ? null : w;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, t) -> out.put(k, t.detach().clone()));
        return out;
    }
}
