package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Sample;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import dev.nabla.optim.lr.ReduceLROnPlateau;
import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.callbacks.Callback;
import dev.nabla.train.callbacks.EarlyStopping;
import dev.nabla.train.callbacks.ModelCheckpoint;
import dev.nabla.train.callbacks.Monitor;
import dev.nabla.train.metrics.Accuracy;
import dev.nabla.train.metrics.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    /** Two Gaussian blobs per class in 4-D, 3 classes: linearly separable enough to learn fast. */
    static TensorDataset blobs(int n, long seed) {
        Generator g = new Generator(seed);
        float[] x = new float[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (g.nextGaussian() * 0.5 + (j == c ? 2.0 : 0.0));
            }
        }
        return new TensorDataset(Tensor.of(x, n, 4), Tensor.ofLongs(y, n));
    }

    static Module mlp(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(4, 16, true, g), new ReLU(), new Linear(16, 3, true, g));
    }

    static DataLoader<Sample, Batch> loader(TensorDataset d, int batch, boolean shuffle, long seed) {
        return DataLoader.builder(d).batchSize(batch).shuffle(shuffle).generator(new Generator(seed)).build();
    }

    static float[] flatWeights(Module m) {
        List<Float> all = new ArrayList<>();
        for (Tensor p : m.parameters()) {
            for (float f : p.toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void fitLearnsAndLogsEveryEpoch() {
        Module model = mlp(1);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        Trainer t = Trainer.builder().metrics(() -> List.<Metric>of(new Accuracy())).build();
        History h = t.fit(model, F::crossEntropy, opt, loader(blobs(300, 1), 30, true, 2),
                loader(blobs(90, 2), 45, false, 0), 5);
        assertEquals(5, h.size());
        assertEquals(List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "lr"),
                List.copyOf(h.last().keySet()));
        double[] loss = h.values("train_loss");
        assertTrue(loss[4] < loss[0] * 0.5, "loss falls: " + java.util.Arrays.toString(loss));
        assertTrue(h.last().get("val_accuracy") > 0.9, h.last().toString());
        // evaluate agrees with the last validation
        var m = Trainer.evaluate(model, loader(blobs(90, 2), 45, false, 0), F::crossEntropy, List.of(new Accuracy()));
        assertEquals(h.last().get("val_accuracy"), m.get("accuracy"), 0);
        assertEquals(h.last().get("val_loss"), m.get("loss"), 1e-12);
        Tensor pred = Trainer.predict(model, blobs(90, 2).inputs(), 32);
        assertArrayEquals(new int[] {90, 3}, pred.shape());
        Tensor pred2 = Trainer.predict(model, loader(blobs(90, 2), 45, false, 0));
        assertArrayEquals(pred.toFloatArray(), pred2.toFloatArray());
    }

    @Test
    void gradientAccumulationMatchesOneBigBatch() {
        TensorDataset d = blobs(96, 3);
        Module a = mlp(5);
        Module b = mlp(5);
        Trainer.builder().build().fit(a, F::crossEntropy, new SGD(a.parameters(), 0.1), loader(d, 32, false, 0), null, 2);
        Trainer.builder().accumulate(4).build()
                .fit(b, F::crossEntropy, new SGD(b.parameters(), 0.1), loader(d, 8, false, 0), null, 2);
        float[] wa = flatWeights(a);
        float[] wb = flatWeights(b);
        for (int i = 0; i < wa.length; i++) {
            assertEquals(wa[i], wb[i], 1e-5, "weight " + i);
        }
        // and it differs from stepping every small batch
        Module c = mlp(5);
        Trainer.builder().build().fit(c, F::crossEntropy, new SGD(c.parameters(), 0.1), loader(d, 8, false, 0), null, 2);
        float[] wc = flatWeights(c);
        double diff = 0;
        for (int i = 0; i < wa.length; i++) {
            diff = Math.max(diff, Math.abs(wa[i] - wc[i]));
        }
        assertTrue(diff > 1e-3, "accumulation must change the result, max diff " + diff);
    }

    @Test
    void gradientClippingBoundsEachUpdate() {
        Module m = mlp(7);
        float[] before = flatWeights(m);
        // SGD with lr 1: one step moves the weights by exactly the clipped gradient, norm <= 0.01
        Trainer.builder().gradClipNorm(0.01).build()
                .fit(m, F::crossEntropy, new SGD(m.parameters(), 1.0), loader(blobs(30, 1), 30, false, 0), null, 1);
        float[] after = flatWeights(m);
        double sq = 0;
        for (int i = 0; i < before.length; i++) {
            sq += Math.pow(after[i] - before[i], 2);
        }
        assertEquals(0.01, Math.sqrt(sq), 1e-4);
    }

    @Test
    void schedulersStepPerEpochPerBatchAndOnPlateau() {
        Module m = mlp(1);
        Optimizer opt = new SGD(m.parameters(), 0.1);
        History h = Trainer.builder().scheduler(new StepLR(opt, 1, 0.5), Trainer.Interval.EPOCH).build()
                .fit(m, F::crossEntropy, opt, loader(blobs(60, 1), 30, false, 0), null, 3);
        // lr is logged before the epoch-end step: 0.1, 0.05, 0.025
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, h.values("lr"), 1e-12);
        assertEquals(0.0125, opt.getLr(0), 1e-12);

        Module m2 = mlp(1);
        Optimizer opt2 = new SGD(m2.parameters(), 0.1);
        Trainer.builder().scheduler(new StepLR(opt2, 1, 0.5), Trainer.Interval.BATCH).build()
                .fit(m2, F::crossEntropy, opt2, loader(blobs(60, 1), 30, false, 0), null, 2);
        assertEquals(0.1 / 16, opt2.getLr(0), 1e-12); // 2 batches x 2 epochs

        // the optimizer holds only a parameter the model does not use: the validation loss never
        // improves, so the plateau schedule halves the rate after every epoch but the first
        Module m3 = mlp(1);
        Optimizer opt3 = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        var plateau = ReduceLROnPlateau.builder(opt3).patience(0).factor(0.5).build();
        Trainer.builder().scheduler(plateau, Trainer.Interval.EPOCH).schedulerMonitor("val_loss").build()
                .fit(m3, F::crossEntropy, opt3, loader(blobs(60, 1), 30, false, 0), loader(blobs(30, 2), 30, false, 0), 3);
        assertEquals(0.025, opt3.getLr(0), 1e-12);
        var e = assertThrows(IllegalStateException.class, () -> Trainer.builder()
                .scheduler(ReduceLROnPlateau.builder(opt3).build(), Trainer.Interval.EPOCH).build()
                .fit(m3, F::crossEntropy, opt3, loader(blobs(60, 1), 30, false, 0), null, 1));
        assertTrue(e.getMessage().contains("'val_loss'") && e.getMessage().contains("train_loss"), e.getMessage());
    }

    @Test
    void earlyStoppingStopsAndRestoresBestWeights() {
        Module m = mlp(1);
        // a huge learning rate makes validation worse after the first epochs
        Optimizer opt = new SGD(m.parameters(), 50.0);
        List<float[]> weightsPerEpoch = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
                weightsPerEpoch.add(flatWeights(ctx.model()));
            }
        };
        EarlyStopping es = new EarlyStopping(new Monitor("val_loss", "min", 0), 1, true);
        History h = Trainer.builder().callbacks(es, recorder).build()
                .fit(m, F::crossEntropy, opt, loader(blobs(60, 1), 10, true, 3), loader(blobs(30, 2), 30, false, 0), 20);
        assertTrue(h.size() < 20, "stopped early after " + h.size() + " epochs");
        assertEquals(h.size(), es.stoppedEpoch());
        double[] val = h.values("val_loss");
        int best = 0;
        for (int i = 1; i < val.length; i++) {
            if (val[i] < val[best]) {
                best = i;
            }
        }
        assertEquals(best + 1, es.bestEpoch());
        assertArrayEquals(weightsPerEpoch.get(best), flatWeights(m));
        var e = assertThrows(IllegalStateException.class, () -> Trainer.builder().callbacks(new EarlyStopping("val_loss", 1))
                .build().fit(mlp(1), F::crossEntropy, new SGD(mlp(1).parameters(), 0.1),
                        loader(blobs(30, 1), 10, false, 0), null, 2));
        assertTrue(e.getMessage().contains("monitored metric 'val_loss'"), e.getMessage());
    }

    @Test
    void resumeFromMidEpochCheckpointIsBitIdentical() {
        TensorDataset train = blobs(120, 4);
        TensorDataset val = blobs(30, 5);
        // uninterrupted
        Module a = mlp(9);
        Optimizer optA = new Adam(a.parameters(), 0.01);
        History ha = Trainer.builder().seed(11).deterministic(true).metrics(() -> List.<Metric>of(new Accuracy()))
                .scheduler(new StepLR(optA, 1, 0.7), Trainer.Interval.EPOCH).build()
                .fit(a, F::crossEntropy, optA, loader(train, 16, true, 77), loader(val, 30, false, 0), 3);
        // interrupted mid-epoch 2 by an exception, after a checkpoint at global step 12
        Module b = mlp(9);
        Optimizer optB = new Adam(b.parameters(), 0.01);
        Callback crash = new Callback() {
            @Override
            public void onBatchEnd(TrainContext ctx) {
                if (ctx.globalStep() == 14) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        ModelCheckpoint ckB = new ModelCheckpoint(dir, new Monitor("val_loss", "min", 0), true, 4, Map.of());
        assertThrows(IllegalStateException.class, () -> Trainer.builder().seed(11).deterministic(true)
                .metrics(() -> List.<Metric>of(new Accuracy()))
                .scheduler(new StepLR(optB, 1, 0.7), Trainer.Interval.EPOCH).callbacks(ckB, crash).build()
                .fit(b, F::crossEntropy, optB, loader(train, 16, true, 77), loader(val, 30, false, 0), 3));
        // resume in fresh objects built the same way
        Module c = mlp(9);
        Optimizer optC = new Adam(c.parameters(), 0.01);
        ModelCheckpoint ckC = new ModelCheckpoint(dir, new Monitor("val_loss", "min", 0), true, 4, Map.of());
        History hc = Trainer.builder().seed(11).deterministic(true).metrics(() -> List.<Metric>of(new Accuracy()))
                .scheduler(new StepLR(optC, 1, 0.7), Trainer.Interval.EPOCH).callbacks(ckC)
                .resumeFrom(dir.resolve(ModelCheckpoint.LAST)).build()
                .fit(c, F::crossEntropy, optC, loader(train, 16, true, 77), loader(val, 30, false, 0), 3);
        assertArrayEquals(flatWeights(a), flatWeights(c));
        // Every logged metric is identical. The learning rate may differ in the last bits: the
        // optimizer and schedule state dicts read their exact float64 bits back through
        // Tensor.toLongArray, which goes via double (reported); the weights do not depend on it.
        assertEquals(ha.size(), hc.size());
        for (int i = 0; i < ha.size(); i++) {
            for (String k : ha.rows().get(i).keySet()) {
                if (k.equals("lr")) {
                    assertEquals(ha.rows().get(i).get(k), hc.rows().get(i).get(k), 1e-15, "lr epoch " + i);
                } else {
                    assertEquals(ha.rows().get(i).get(k), hc.rows().get(i).get(k), "epoch " + i + " " + k);
                }
            }
        }
    }

    @Test
    void resumeWithAnotherShuffleSeedIsRefused() {
        TensorDataset train = blobs(120, 4);
        Module b = mlp(9);
        Callback crash = new Callback() {
            @Override
            public void onBatchEnd(TrainContext ctx) {
                if (ctx.globalStep() == 14) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        // 8 batches per epoch: the last checkpoint is at global step 12, step 4 of epoch 2
        ModelCheckpoint ck = new ModelCheckpoint(dir, null, true, 4, Map.of());
        assertThrows(IllegalStateException.class, () -> Trainer.builder().deterministic(true).callbacks(ck, crash).build()
                .fit(b, F::crossEntropy, new SGD(b.parameters(), 0.1), loader(train, 16, true, 77), null, 2));
        Module c = mlp(9);
        var e = assertThrows(IllegalStateException.class, () -> Trainer.builder().deterministic(true)
                .resumeFrom(dir.resolve(ModelCheckpoint.LAST)).build()
                .fit(c, F::crossEntropy, new SGD(c.parameters(), 0.1), loader(train, 16, true, 78), null, 2));
        assertTrue(e.getMessage().contains("cannot resume exactly") && e.getMessage().contains("epoch 2"), e.getMessage());
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().accumulate(0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().gradClipNorm(-1));
        Module m = mlp(1);
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().build()
                .fit(m, (o, t) -> F.crossEntropy(o, t, dev.nabla.nn.functional.Reduction.NONE),
                        new SGD(m.parameters(), 0.1), loader(blobs(30, 1), 10, false, 0), null, 1));
        assertTrue(e.getMessage().contains("the loss must be a scalar"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().deterministic(true).build()
                .fit(m, F::crossEntropy, new SGD(m.parameters(), 0.1),
                        DataLoader.builder(blobs(30, 1)).batchSize(10).numWorkers(2).build(), null, 1));
        assertTrue(e2.getMessage().contains("numWorkers = 2"), e2.getMessage());
    }
}
