package dev.nabla.cli;

import dev.nabla.data.DataLoader;
import dev.nabla.data.sources.FashionMnist;
import dev.nabla.nn.functional.F;
import dev.nabla.train.Trainer;
import dev.nabla.train.metrics.Accuracy;
import dev.nabla.train.metrics.ClassificationScore;
import dev.nabla.train.metrics.Metric;
import dev.nabla.train.metrics.TopKAccuracy;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nabla eval --checkpoint PATH}: test-set metrics of a trained model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Print test metrics (loss, accuracy, top-2, macro and per-class precision/recall/F1, "
                + "confusion matrix) of a checkpoint written by 'nabla train'.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "a checkpoint file, or a training output folder (uses its best checkpoint)")
    Path checkpoint;

    @Option(names = "--data", paramLabel = "NAME",
            description = "fashion-mnist or fashion-mnist-sample (default: the data set the model was trained on)")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of the Fashion-MNIST files")
    Path dataDir = TrainConfig.DEFAULT_DATA_DIR;

    @Option(names = "--batch-size", defaultValue = "500", description = "batch size (default ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() {
        try {
            CheckpointModel cm = CheckpointModel.load(checkpoint);
            String set = data == null ? cm.data() : data;
            FashionMnist test = FashionData.load(set, dataDir, false);
            var loader = DataLoader.builder(test).batchSize(batchSize).build();
            ClassificationScore precision = ClassificationScore.precision(10);
            ClassificationScore recall = ClassificationScore.recall(10);
            ClassificationScore f1 = ClassificationScore.f1(10);
            List<Metric> metrics = List.of(new Accuracy(), new TopKAccuracy(2), precision, recall, f1);
            Map<String, Double> m = Trainer.evaluate(cm.model(), loader, F::crossEntropy, metrics);
            System.out.printf(Locale.ROOT, "%s (%s) on %s test set, %d examples%n", cm.file(), cm.modelName(), set,
                    test.size());
            m.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-16s %.4f%n", k, v));
            double[] p = precision.perClass();
            double[] r = recall.perClass();
            double[] f = f1.perClass();
            System.out.printf(Locale.ROOT, "%n  %-12s %9s %9s %9s%n", "class", "precision", "recall", "f1");
            for (int c = 0; c < 10; c++) {
                System.out.printf(Locale.ROOT, "  %-12s %9.4f %9.4f %9.4f%n", FashionMnist.CLASSES.get(c), p[c], r[c], f[c]);
            }
            System.out.println();
            System.out.print(f1.confusionMatrix());
            return 0;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("nabla eval: " + e.getMessage());
            return 1;
        }
    }
}
