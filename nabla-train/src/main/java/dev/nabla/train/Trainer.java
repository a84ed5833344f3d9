package dev.nabla.train;

import dev.nabla.autograd.GradMode;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.io.Checkpoint;
import dev.nabla.io.GeneratorState;
import dev.nabla.io.Stateful;
import dev.nabla.nn.Module;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.optim.lr.ReduceLROnPlateau;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.callbacks.Callback;
import dev.nabla.train.metrics.Metric;
import dev.nabla.train.metrics.RunningMean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training loop: {@link #fit} trains with validation every epoch, {@link #evaluate} computes
 * metrics, {@link #predict} collects outputs. Around the loop: callbacks, a learning-rate schedule
 * stepped per epoch or per batch (ReduceLROnPlateau on a monitored metric), gradient clipping,
 * gradient accumulation, and exact resume from a checkpoint written by
 * {@link dev.nabla.train.callbacks.ModelCheckpoint}.
 *
 * <p>Deterministic mode seeds the default generator, requires single-threaded data loading, and
 * makes every piece of state a checkpoint (model, optimizer, schedule, RNG, epoch, step in epoch,
 * running metrics, history, stateful callbacks), so that a run killed at any point and resumed
 * from its last checkpoint ends with bit-identical weights. The data order is restored because a
 * {@link DataLoader}'s shuffle is a pure function of its seed and the epoch: build the loaders
 * from the same seeded generators when resuming.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .metrics(() -> List.of(new Accuracy()))
 *         .scheduler(new StepLR(opt, 2, 0.5), Trainer.Interval.EPOCH)
 *         .gradClipNorm(1.0)
 *         .callbacks(new ProgressCallback(), new ModelCheckpoint(out), new EarlyStopping("val_loss", 3))
 *         .build();
 * History h = trainer.fit(model, F::crossEntropy, opt, trainLoader, valLoader, 5);
 * }</pre>
 */
public final class Trainer {
    /** When the learning-rate schedule steps. */
    public enum Interval { EPOCH, BATCH }

    private final List<Callback> callbacks;
    private final Supplier<List<Metric>> metricFactory;
    private final LRScheduler scheduler;
    private final Interval interval;
    private final String schedulerMonitor;
    private final double gradClipNorm;
    final int accumulate;
    private final Long seed;
    private final boolean deterministic;
    private final Path resumeFrom;
    private final List<Stateful> extraState;
    final History history = new History();
    private final RunningMean trainLoss = new RunningMean("train_loss");
    private List<Metric> trainMetrics = List.of();
    private TrainContext ctx;

    private Trainer(Builder b) {
        this.callbacks = List.copyOf(b.callbacks);
        this.metricFactory = b.metrics;
        this.scheduler = b.scheduler;
        this.interval = b.interval;
        this.schedulerMonitor = b.schedulerMonitor;
        this.gradClipNorm = b.gradClipNorm;
        this.accumulate = b.accumulate;
        this.seed = b.seed;
        this.deterministic = b.deterministic;
        this.resumeFrom = b.resumeFrom;
        this.extraState = List.copyOf(b.extraState);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The per-epoch logs of the last {@link #fit}. */
    public History history() {
        return history;
    }

    /**
     * Trains {@code model} for {@code epochs} epochs (in total, counting epochs done before a resume),
     * validating on {@code valLoader} (may be null) after each. Returns the history.
     */
    public History fit(Module model, LossFunction lossFn, Optimizer optimizer, DataLoader<?, Batch> trainLoader,
                       DataLoader<?, Batch> valLoader, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("Trainer.fit: epochs must be >= 1, got " + epochs);
        }
        if (scheduler != null && scheduler.optimizer() != optimizer) {
            throw new IllegalArgumentException("Trainer.fit: the scheduler was built for a different optimizer");
        }
        if (deterministic) {
            for (DataLoader<?, Batch> l : loaders(trainLoader, valLoader)) {
                if (l.numWorkers() != 0) {
                    throw new IllegalArgumentException("Trainer.fit: deterministic mode needs single-threaded data"
                            + " loading, but a loader has numWorkers = " + l.numWorkers());
                }
            }
        }
        if (seed != null) {
            Generator.defaultGenerator().manualSeed(seed);
        }
        ctx = new TrainContext(this, model, optimizer, epochs);
        trainMetrics = metricFactory.get();
        trainLoss.reset();
        history.loadStateDict(new History().stateDict());
        long startStep = 0;
        if (resumeFrom != null) {
            Checkpoint.Info info = load(resumeFrom, checkpointParts(ctx));
            ctx.epoch = (int) info.epoch();
            startStep = ctx.stepInEpoch;
        }
        ctx.stepsPerEpoch = trainLoader.len();
        for (Callback c : callbacks) {
            c.onTrainBegin(ctx);
        }
        model.train();
        for (int epoch = ctx.epoch; epoch < epochs && !ctx.stop; epoch++) {
            ctx.epoch = epoch;
            if (startStep == 0) {
                trainLoss.reset();
                trainMetrics.forEach(Metric::reset);
            }
            ctx.stepInEpoch = startStep;
            for (Callback c : callbacks) {
                c.onEpochBegin(ctx);
            }
            runEpoch(model, lossFn, optimizer, trainLoader, epoch, startStep);
            trainLoader.setEpoch(epoch + 1);
            startStep = 0;
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("epoch", (double) (epoch + 1));
            logs.put("train_loss", trainLoss.compute());
            for (Metric m : trainMetrics) {
                logs.put("train_" + m.name(), m.compute());
            }
            if (valLoader != null) {
                Map<String, Double> val = evaluate(model, valLoader, lossFn, metricFactory.get());
                val.forEach((k, v) -> logs.put("val_" + k, v));
                model.train();
            }
            logs.put("lr", optimizer.getLr(0));
            if (scheduler != null && interval == Interval.EPOCH) {
                stepScheduler(logs);
            }
            history.add(logs);
            // The epoch is complete: a checkpoint taken from here on resumes at the next epoch.
            ctx.epoch = epoch + 1;
            ctx.stepInEpoch = 0;
            for (Callback c : callbacks) {
                c.onEpochEnd(ctx, logs);
            }
            ctx.epoch = epoch;
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(ctx);
        }
        return history;
    }

    private static List<DataLoader<?, Batch>> loaders(DataLoader<?, Batch> a, DataLoader<?, Batch> b) {
        List<DataLoader<?, Batch>> out = new ArrayList<>();
        out.add(a);
        if (b != null) {
            out.add(b);
        }
        return out;
    }

    private void runEpoch(Module model, LossFunction lossFn, Optimizer optimizer, DataLoader<?, Batch> loader,
                          int epoch, long startStep) {
        long total = ctx.stepsPerEpoch;
        try (DataLoader.BatchIterator<Batch> it = loader.iterator(epoch)) {
            // A resumed epoch skips the batches done before the checkpoint; the order is the same
            // because it depends only on the loader's seed and the epoch.
            long savedFingerprint = ctx.orderFingerprint;
            for (long s = 0; s < startStep && it.hasNext(); s++) {
                Batch skipped = it.next();
                if (s == 0) {
                    ctx.orderFingerprint = fingerprint(skipped);
                }
            }
            if (startStep > 0 && ctx.orderFingerprint != savedFingerprint) {
                throw new IllegalStateException("Trainer: cannot resume exactly: the training loader's first batch of"
                        + " epoch " + (epoch + 1) + " differs from the checkpointed run's (build the loader from the"
                        + " same data and the same seeded generator)");
            }
            optimizer.zeroGrad();
            long step = startStep;
            while (it.hasNext()) {
                Batch batch = it.next();
                step++;
                if (step == 1) {
                    ctx.orderFingerprint = fingerprint(batch);
                }
                Tensor out = model.call(batch.inputs());
                Tensor loss = lossFn.apply(out, batch.targets());
                if (loss.numel() != 1) {
                    throw new IllegalArgumentException("Trainer.fit: the loss must be a scalar, got shape "
                            + java.util.Arrays.toString(loss.shape()) + " (use a mean or sum reduction)");
                }
                // Accumulated gradients are averaged, as if the window were one big batch.
                long window = windowSize(step, total);
                (window > 1 ? loss.div(window) : loss).backward();
                boolean stepNow = step % accumulate == 0 || step == total;
                if (stepNow) {
                    if (gradClipNorm > 0) {
                        GradClip.clipGradNorm(model.parameters(), gradClipNorm);
                    }
                    optimizer.step();
                    optimizer.zeroGrad();
                    if (scheduler != null && interval == Interval.BATCH) {
                        if (scheduler instanceof ReduceLROnPlateau) {
                            throw new IllegalStateException("Trainer: ReduceLROnPlateau steps on a metric once per"
                                    + " epoch; use Interval.EPOCH");
                        }
                        scheduler.step();
                    }
                }
                double lossValue = loss.item();
                int n = batch.size();
                trainLoss.update(lossValue, n);
                if (!trainMetrics.isEmpty()) {
                    Tensor detached = out.detach();
                    for (Metric m : trainMetrics) {
                        m.update(detached, batch.targets());
                    }
                }
                ctx.stepInEpoch = step;
                ctx.globalStep++;
                ctx.batchLoss = lossValue;
                ctx.batchSize = n;
                for (Callback c : callbacks) {
                    c.onBatchEnd(ctx);
                }
            }
        }
    }

    /**
     * A 64-bit FNV-1a hash of a batch's targets and inputs: the data loader's shuffle state is its
     * seed and the epoch, which cannot be read back, so a resume checks the epoch's first batch instead.
     */
    static long fingerprint(Batch b) {
        long h = 0xcbf29ce484222325L;
        for (long t : b.targets().toLongArray()) {
            h = (h ^ t) * 0x100000001b3L;
        }
        for (float f : b.inputs().toFloatArray()) {
            h = (h ^ Float.floatToRawIntBits(f)) * 0x100000001b3L;
        }
        return h;
    }

    /** The number of batches in the accumulation window containing {@code step} (the last one may be short). */
    private long windowSize(long step, long total) {
        if (accumulate <= 1) {
            return 1;
        }
        long windowStart = ((step - 1) / accumulate) * accumulate;
        return Math.min(accumulate, total - windowStart);
    }

    private void stepScheduler(Map<String, Double> logs) {
        if (scheduler instanceof ReduceLROnPlateau plateau) {
            Double v = logs.get(schedulerMonitor);
            if (v == null) {
                throw new IllegalStateException("Trainer: ReduceLROnPlateau monitors '" + schedulerMonitor
                        + "' but the epoch logs have only " + logs.keySet());
            }
            plateau.step(v);
        } else {
            scheduler.step();
        }
    }

    /**
     * Computes {@code metrics} (and the mean loss as {@code loss} when {@code lossFn} is given) over
     * a loader in eval mode without gradients. The model's mode is left in eval.
     */
    public static Map<String, Double> evaluate(Module model, DataLoader<?, Batch> loader, LossFunction lossFn,
                                               List<? extends Metric> metrics) {
        model.eval();
        RunningMean loss = new RunningMean("loss");
        metrics.forEach(Metric::reset);
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                Tensor out = model.call(b.inputs());
                if (lossFn != null) {
                    loss.update(lossFn.apply(out, b.targets()).item(), b.size());
                }
                for (Metric m : metrics) {
                    m.update(out, b.targets());
                }
            }
        }
        Map<String, Double> result = new LinkedHashMap<>();
        if (lossFn != null) {
            result.put("loss", loss.compute());
        }
        for (Metric m : metrics) {
            result.put(m.name(), m.compute());
        }
        return result;
    }

    /** The model's outputs over a loader, concatenated along dim 0 (eval mode, no gradients). */
    public static Tensor predict(Module model, DataLoader<?, Batch> loader) {
        model.eval();
        List<Tensor> outs = new ArrayList<>();
        try (var noGrad = GradMode.noGrad()) {
            for (Batch b : loader) {
                outs.add(model.call(b.inputs()));
            }
        }
        if (outs.isEmpty()) {
            throw new IllegalArgumentException("Trainer.predict: the loader produced no batch");
        }
        return Tensor.cat(outs.toArray(new Tensor[0]), 0);
    }

    /** The model's outputs for {@code input} (N, ...), run in chunks of {@code batchSize} rows. */
    public static Tensor predict(Module model, Tensor input, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Trainer.predict: batchSize must be >= 1, got " + batchSize);
        }
        model.eval();
        List<Tensor> outs = new ArrayList<>();
        try (var noGrad = GradMode.noGrad()) {
            int n = input.size(0);
            for (int start = 0; start < n; start += batchSize) {
                outs.add(model.call(input.narrow(0, start, Math.min(batchSize, n - start))));
            }
        }
        return Tensor.cat(outs.toArray(new Tensor[0]), 0);
    }

    Map<String, Stateful> checkpointParts(TrainContext c) {
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("model", c.model);
        parts.put("optimizer", c.optimizer);
        if (scheduler != null) {
            parts.put("scheduler", scheduler);
        }
        parts.put("rng", new GeneratorState(Generator.defaultGenerator()));
        parts.put("trainer", new Progress(c));
        parts.put("history", history);
        parts.put("train_loss", trainLoss);
        for (int i = 0; i < trainMetrics.size(); i++) {
            if (trainMetrics.get(i) instanceof Stateful s) {
                parts.put("train_metric" + i, s);
            }
        }
        for (int i = 0; i < extraState.size(); i++) {
            parts.put("extra" + i, extraState.get(i));
        }
        for (Callback cb : callbacks) {
            if (cb instanceof Stateful s) {
                parts.put(cb.stateName(), s);
            }
        }
        return parts;
    }

    private static Checkpoint.Info load(Path file, Map<String, Stateful> parts) {
        try {
            return Checkpoint.load(file, parts);
        } catch (IOException e) {
            throw new UncheckedIOException("Trainer: cannot resume from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The loop position as a checkpoint part: step in epoch, global step and the fingerprint of the
     * epoch's first batch (the epoch itself is the checkpoint's).
     */
    private static final class Progress implements Stateful {
        private final TrainContext c;

        Progress(TrainContext c) {
            this.c = c;
        }

        @Override
        public Map<String, Tensor> stateDict() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("step_in_epoch", StateValues.ofLong(c.stepInEpoch));
            m.put("global_step", StateValues.ofLong(c.globalStep));
            m.put("order_fingerprint", StateValues.ofLong(c.orderFingerprint));
            return m;
        }

        @Override
        public void loadStateDict(Map<String, Tensor> state) {
            c.stepInEpoch = StateValues.getLong("Trainer", state, "step_in_epoch");
            c.globalStep = StateValues.getLong("Trainer", state, "global_step");
            c.orderFingerprint = StateValues.getLong("Trainer", state, "order_fingerprint");
        }
    }

    /** Configures a {@link Trainer}. */
    public static final class Builder {
        private final List<Callback> callbacks = new ArrayList<>();
        private Supplier<List<Metric>> metrics = List::of;
        private LRScheduler scheduler;
        private Interval interval = Interval.EPOCH;
        private String schedulerMonitor = "val_loss";
        private double gradClipNorm;
        private int accumulate = 1;
        private Long seed;
        private boolean deterministic;
        private Path resumeFrom;
        private final List<Stateful> extraState = new ArrayList<>();

        public Builder callbacks(Callback... cbs) {
            callbacks.addAll(List.of(cbs));
            return this;
        }

        /**
         * Makes fresh metric instances; called once for training metrics ({@code train_accuracy})
         * and once per validation ({@code val_accuracy}).
         */
        public Builder metrics(Supplier<List<Metric>> factory) {
            this.metrics = factory;
            return this;
        }

        /** A learning-rate schedule stepped per epoch or per optimizer step. */
        public Builder scheduler(LRScheduler s, Interval when) {
            this.scheduler = s;
            this.interval = when;
            return this;
        }

        /** The epoch log key ReduceLROnPlateau watches (default {@code val_loss}). */
        public Builder schedulerMonitor(String key) {
            this.schedulerMonitor = key;
            return this;
        }

        /** Clips the global L2 norm of the gradients before each step ({@code clip_grad_norm_}); 0 = off. */
        public Builder gradClipNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("Trainer: gradClipNorm must be >= 0, got " + maxNorm);
            }
            this.gradClipNorm = maxNorm;
            return this;
        }

        /** Steps the optimizer every {@code n} batches, averaging their gradients. */
        public Builder accumulate(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Trainer: accumulate must be >= 1, got " + n);
            }
            this.accumulate = n;
            return this;
        }

        /** Seeds the default generator at the start of fit (a resume then restores its saved state). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Requires single-threaded data loading, so that runs repeat and resume bit for bit. */
        public Builder deterministic(boolean on) {
            this.deterministic = on;
            return this;
        }

        /** Resumes from a checkpoint written by ModelCheckpoint (null = start fresh). */
        public Builder resumeFrom(Path checkpoint) {
            this.resumeFrom = checkpoint;
            return this;
        }

        /** More state to save and restore with checkpoints (e.g. an augmentation generator). */
        public Builder extraState(Stateful s) {
            this.extraState.add(s);
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
