package dev.nabla.cli.bench;

import dev.nabla.autograd.GradMode;
import dev.nabla.data.sources.FashionMnist;
import dev.nabla.nn.Module;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accuracy mode: train mlp or convnet on the 60k training images for some epochs (reshuffled
 * each epoch, Adam 1e-3, batch 100, x/255) and measure test accuracy on the 10k after each epoch.
 */
final class AccuracyRun {
    private AccuracyRun() {
    }

    static Map<String, Object> run(String name, BenchOptions o) {
        int batch = 100;
        Generator.defaultGenerator().manualSeed(o.seed);
        Generator g = new Generator(o.seed);
        Module model = switch (name) {
            case "mlp" -> BenchModels.mlp();
            case "convnet" -> BenchModels.convnet();
            default -> throw new IllegalArgumentException("bench --accuracy: workload must be mlp or convnet, got " + name);
        };
        Adam opt = new Adam(model.parameters(), 1e-3);
        FashionMnist train = BenchData.fashion(true);
        FashionMnist test = BenchData.fashion(false);
        Tensor xtr = train.images();
        Tensor ytr = train.labels();
        Tensor xte = test.images();
        Tensor yte = test.labels();
        int n = xtr.size(0);
        List<Double> acc = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> epochS = new ArrayList<>();
        List<Double> evalS = new ArrayList<>();
        // The first steps' losses: with torch's seeding (same init, same shuffle) they follow torch's closely,
        // see tools/torch_first_losses.py.
        List<Double> firstLosses = new ArrayList<>();
        CpuMonitor mon = new CpuMonitor();
        long total = System.nanoTime();
        for (int epoch = 0; epoch < o.epochs; epoch++) {
            model.train();
            long t = System.nanoTime();
            Tensor perm = Tensor.randperm(n, g);
            double lossSum = 0;
            long correct = 0;
            for (int i = 0; i < n; i += batch) {
                Tensor idx = perm.narrow(0, i, Math.min(batch, n - i));
                Tensor xb = xtr.indexSelect(0, idx);
                Tensor yb = ytr.indexSelect(0, idx);
                opt.zeroGrad();
                Tensor logits = model.call(xb);
                Tensor loss = F.crossEntropy(logits, yb);
                loss.backward();
                opt.step();
                double l = loss.item();
                if (firstLosses.size() < 20) {
                    firstLosses.add(ProcessStats.round(l, 6));
                }
                lossSum += l * idx.numel();
                correct += countEqual(logits.argmax(1), yb);
            }
            epochS.add(ProcessStats.round((System.nanoTime() - t) / 1e9, 2));
            trainLoss.add(ProcessStats.round(lossSum / n, 4));
            trainAcc.add(ProcessStats.round((double) correct / n, 4));
            t = System.nanoTime();
            model.eval();
            long hits = 0;
            try (var ng = GradMode.noGrad()) {
                for (int i = 0; i < xte.size(0); i += 1000) {
                    int len = Math.min(1000, xte.size(0) - i);
                    hits += countEqual(model.call(xte.narrow(0, i, len)).argmax(1), yte.narrow(0, i, len));
                }
            }
            evalS.add(ProcessStats.round((System.nanoTime() - t) / 1e9, 2));
            acc.add(ProcessStats.round((double) hits / xte.size(0), 4));
            System.err.printf("[%s] epoch %d: train_loss %s test_acc %s (%s s)%n", name, epoch + 1,
                    trainLoss.get(epoch), acc.get(epoch), epochS.get(epoch));
        }
        double totalS = (System.nanoTime() - total) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", name);
        r.put("mode", "accuracy");
        r.put("threads", o.threads);
        r.put("batch", batch);
        r.put("epochs", o.epochs);
        r.put("test_acc", acc);
        r.put("train_loss", trainLoss);
        r.put("train_acc", trainAcc);
        r.put("epoch_train_s", epochS);
        r.put("epoch_eval_s", evalS);
        r.put("total_wall_s", ProcessStats.round(totalS, 2));
        double trainSeconds = epochS.stream().mapToDouble(Double::doubleValue).sum();
        r.put("train_images_per_s", ProcessStats.round(o.epochs * (double) n / trainSeconds, 1));
        r.put("peak_rss_mb", ProcessStats.round(ProcessStats.peakRssMb(), 1));
        r.put("seed", o.seed);
        r.put("first_losses", firstLosses);
        r.put("notes", "inputs x/255 in [0,1] (no mean/std); Adam lr 1e-3 batch 100; randperm shuffle per epoch;"
                + " test accuracy on the 10k t10k split after each epoch, eval() in batches of 1000");
        r.putAll(mon.stop());
        return r;
    }

    private static long countEqual(Tensor a, Tensor b) {
        long[] x = a.toLongArray();
        long[] y = b.toLongArray();
        long c = 0;
        for (int i = 0; i < x.length; i++) {
            c += x[i] == y[i] ? 1 : 0;
        }
        return c;
    }
}
