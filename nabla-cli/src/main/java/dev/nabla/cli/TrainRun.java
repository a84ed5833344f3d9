package dev.nabla.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.data.Splits;
import dev.nabla.data.sources.FashionMnist;
import dev.nabla.io.Checkpoint;
import dev.nabla.nn.Module;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import dev.nabla.optim.lr.CosineAnnealingLR;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.optim.lr.OneCycleLR;
import dev.nabla.optim.lr.ReduceLROnPlateau;
import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Generator;
import dev.nabla.train.History;
import dev.nabla.train.Trainer;
import dev.nabla.train.callbacks.Callback;
import dev.nabla.train.callbacks.CsvLoggerCallback;
import dev.nabla.train.callbacks.EarlyStopping;
import dev.nabla.train.callbacks.ModelCheckpoint;
import dev.nabla.train.callbacks.Monitor;
import dev.nabla.train.callbacks.ProgressCallback;
import dev.nabla.train.callbacks.TensorBoardCallback;
import dev.nabla.train.metrics.Accuracy;
import dev.nabla.train.metrics.Metric;
import dev.nabla.train.progress.ProgressBar;
import dev.nabla.train.tensorboard.SummaryWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code nabla train} run: builds data, model, optimizer and schedule from a config, trains with
 * checkpoints, logs and plots in the output folder, resumes from {@code checkpoints/last.safetensors}
 * when it exists, and ends with test metrics. See docs/training.md for the folder layout.
 */
final class TrainRun {
    static final String CHECKPOINTS = "checkpoints";
    static final String MODEL_KEY = "model";
    static final String DATA_KEY = "data";

    private TrainRun() {}

    static Map<String, Double> run(TrainConfig cfg, PrintStream out, ProgressBar bar) throws IOException {
        Path dir = cfg.output();
        Files.createDirectories(dir);
        Path ckDir = dir.resolve(CHECKPOINTS);
        Path last = ckDir.resolve(ModelCheckpoint.LAST);
        boolean resume = Files.exists(last);
        if (resume) {
            checkSameRun(cfg, last);
        }

        // Everything random is derived from the seed: weights, shuffling, dropout.
        Generator.defaultGenerator().manualSeed(cfg.seed());
        Module model = Models.build(cfg.model());
        Optimizer opt = optimizer(cfg, model);

        FashionMnist trainSet = FashionData.load(cfg.data(), cfg.dataDir(), true);
        FashionMnist testSet = FashionData.load(cfg.data(), cfg.dataDir(), false);
        Dataset<Sample> fit = trainSet;
        Dataset<Sample> val = testSet;
        if (cfg.validationSplit() > 0) {
            var parts = Splits.randomSplit(trainSet, new double[] {1 - cfg.validationSplit(), cfg.validationSplit()},
                    new Generator(cfg.seed() + 1));
            fit = parts.get(0);
            val = parts.get(1);
        }
        int workers = cfg.deterministic() ? 0 : 1;
        DataLoader<Sample, Batch> trainLoader = DataLoader.builder(fit).batchSize(cfg.batchSize()).shuffle(true)
                .generator(new Generator(cfg.seed() + 2)).numWorkers(workers).build();
        DataLoader<Sample, Batch> valLoader = DataLoader.builder(val).batchSize(500).build();
        DataLoader<Sample, Batch> testLoader = DataLoader.builder(testSet).batchSize(500).build();
        int optimizerSteps = (trainLoader.len() + cfg.accumulate() - 1) / cfg.accumulate();
        LRScheduler sched = scheduler(cfg, opt, optimizerSteps);

        Files.writeString(dir.resolve("config.properties"), properties(cfg), StandardCharsets.UTF_8);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(MODEL_KEY, cfg.model());
        meta.put(DATA_KEY, cfg.data());
        meta.put("config", properties(cfg));
        Monitor monitor = new Monitor(cfg.monitor(), "auto", 0);
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(new ProgressCallback(bar));
        callbacks.add(new CsvLoggerCallback(dir.resolve("metrics.csv")));
        callbacks.add(new CsvLoggerCallback(dir.resolve("metrics.jsonl")));
        callbacks.add(new TensorBoardCallback(dir.resolve("tensorboard"), 20, true));
        if (cfg.earlyStoppingPatience() > 0) {
            callbacks.add(new EarlyStopping(monitor, cfg.earlyStoppingPatience(), true));
        }
        // A mid-epoch checkpoint about every 100 batches bounds the work lost to a crash.
        long every = Math.max(1, 100 / cfg.accumulate()) * cfg.accumulate();
        callbacks.add(new ModelCheckpoint(ckDir, monitor, true, every, meta));
        callbacks.add(new Callback() { // curves refreshed each epoch, so they can be watched during training
            @Override
            public void onEpochEnd(dev.nabla.train.TrainContext ctx, Map<String, Double> logs) {
                Reports.curves(ctx.history().rows(), dir.resolve("plots/curves.png"));
            }
        });

        Trainer trainer = Trainer.builder()
                .metrics(() -> List.<Metric>of(new Accuracy()))
                .scheduler(sched, cfg.schedule().equals("onecycle") ? Trainer.Interval.BATCH : Trainer.Interval.EPOCH)
                .schedulerMonitor(cfg.monitor())
                .gradClipNorm(cfg.gradClip())
                .accumulate(cfg.accumulate())
                .deterministic(cfg.deterministic())
                .seed(cfg.seed())
                .resumeFrom(resume ? last : null)
                .callbacks(callbacks.toArray(new Callback[0]))
                .build();
        if (resume) {
            Checkpoint.Info info = Checkpoint.readInfo(last);
            long step = Long.parseLong(info.metadata().getOrDefault("step_in_epoch", "0"));
            out.printf(Locale.ROOT, "resuming from %s (%s)%n", last, step == 0
                    ? info.epoch() + " epoch(s) done"
                    : "epoch " + (info.epoch() + 1) + ", after step " + step);
        }
        out.printf(Locale.ROOT, "training %s on %s (%d train, %d validation examples) for %d epochs, output %s%n",
                cfg.model(), cfg.data(), fit.size(), val.size(), cfg.epochs(), dir);
        long t0 = System.nanoTime();
        History h = trainer.fit(model, F::crossEntropy, opt, trainLoader, valLoader, cfg.epochs());
        double secs = (System.nanoTime() - t0) / 1e9;

        Map<String, Double> test = Trainer.evaluate(model, testLoader, F::crossEntropy, List.of(new Accuracy()));
        out.printf(Locale.ROOT, "test: loss %.4f  accuracy %.4f  (%.1f s)%n", test.get("loss"), test.get("accuracy"), secs);
        writeJson(dir.resolve("test_metrics.json"), test, h, secs);

        Path plots = dir.resolve("plots");
        if (h.size() > 0) {
            Reports.curves(h.rows(), plots.resolve("curves.png"));
        }
        var filters = Reports.filters(model, cfg.model());
        Reports.save(filters, plots.resolve("filters.png"));
        Reports.save(Reports.featureMaps(model, cfg.model(), testSet.get(0).input(),
                FashionMnist.CLASSES.get((int) testSet.labels().toLongArray()[0])), plots.resolve("feature_maps.png"));
        var preds = Reports.predictions(model, testSet, 32);
        Reports.save(preds, plots.resolve("predictions.png"));
        try (SummaryWriter tb = new SummaryWriter(dir.resolve("tensorboard"))) {
            tb.addImage("filters", filters, h.size());
            tb.addImage("test_predictions", preds, h.size());
        }
        return test;
    }

    static Optimizer optimizer(TrainConfig cfg, Module model) {
        return switch (cfg.optimizer()) {
            case "adam" -> Adam.builder(model.parameters()).lr(cfg.lr()).weightDecay(cfg.weightDecay()).build();
            case "adamw" -> AdamW.builder(model.parameters()).lr(cfg.lr()).weightDecay(cfg.weightDecay()).build();
            case "sgd" -> SGD.builder(model.parameters()).lr(cfg.lr()).momentum(cfg.momentum())
                    .weightDecay(cfg.weightDecay()).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + cfg.optimizer() + "'");
        };
    }

    /** The schedule; onecycle steps once per optimizer step ({@code stepsPerEpoch} of them an epoch), the rest per epoch. */
    static LRScheduler scheduler(TrainConfig cfg, Optimizer opt, int stepsPerEpoch) {
        return switch (cfg.schedule()) {
            case "none" -> null;
            case "step" -> new StepLR(opt, cfg.stepSize(), cfg.gamma());
            case "cosine" -> new CosineAnnealingLR(opt, cfg.epochs());
            case "plateau" -> ReduceLROnPlateau.builder(opt).mode(cfg.monitor().contains("acc") ? "max" : "min")
                    .factor(cfg.gamma()).patience(cfg.plateauPatience()).build();
            // lr is the peak rate; the cycle spans the whole run.
            case "onecycle" -> OneCycleLR.builder(opt, cfg.lr()).epochs(cfg.epochs()).stepsPerEpoch(stepsPerEpoch).build();
            default -> throw new IllegalArgumentException("unknown schedule '" + cfg.schedule() + "'");
        };
    }

    /** Refuses to resume a checkpoint of a different model or data set into this output folder. */
    private static void checkSameRun(TrainConfig cfg, Path last) throws IOException {
        Map<String, String> md = Checkpoint.readInfo(last).metadata();
        if (!cfg.model().equals(md.get(MODEL_KEY)) || !cfg.data().equals(md.get(DATA_KEY))) {
            throw new IllegalArgumentException("output folder " + cfg.output() + " holds a checkpoint of model '"
                    + md.get(MODEL_KEY) + "' on '" + md.get(DATA_KEY) + "', but the config asks for '" + cfg.model()
                    + "' on '" + cfg.data() + "'; choose another output folder or delete " + last);
        }
    }

    static String properties(TrainConfig cfg) {
        StringBuilder sb = new StringBuilder("# effective settings of this run\n");
        cfg.toMap().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }

    private static void writeJson(Path file, Map<String, Double> test, History h, double secs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_loss", test.get("loss"));
        m.put("test_accuracy", test.get("accuracy"));
        m.put("epochs", h.size());
        m.put("seconds_this_session", secs);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
