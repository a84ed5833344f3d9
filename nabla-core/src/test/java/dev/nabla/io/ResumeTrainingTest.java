package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.SGD;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint mid-training and resume: the result must be bit-identical to an uninterrupted run. */
class ResumeTrainingTest {
    @TempDir
    Path dir;

    /** One training run's moving parts. */
    private static final class Run {
        final Generator rng;
        final Sequential model;
        final Optimizer opt;
        final LRScheduler sched;

        Run(long modelSeed, long rngSeed, boolean adam) {
            rng = new Generator(rngSeed);
            Generator init = new Generator(modelSeed);
            model = new Sequential(new Linear(5, 12, true, init), new BatchNorm1d(12), new ReLU(),
                    new Dropout(0.2, rng), new Linear(12, 3, true, init));
            opt = adam ? Adam.builder(model.parameters()).lr(0.01).weightDecay(1e-4).build()
                    : SGD.builder(model.parameters()).lr(0.1).momentum(0.9).nesterov(true).build();
            sched = new StepLR(opt, 3, 0.5);
        }

        Map<String, Stateful> parts() {
            Map<String, Stateful> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("optimizer", opt);
            m.put("scheduler", sched);
            m.put("rng", new GeneratorState(rng));
            return m;
        }

        void epoch(Tensor x, Tensor y) {
            CrossEntropyLoss ce = new CrossEntropyLoss();
            for (int b = 0; b < 2; b++) {
                // the batch order comes from the run's generator, so it must be restored too
                int[] perm = rng.permutation(x.size(0));
                Tensor idx = Tensor.ofInts(java.util.Arrays.copyOf(perm, 8), 8);
                opt.zeroGrad();
                ce.call(model.call(x.indexSelect(0, idx)), y.indexSelect(0, idx)).backward();
                opt.step();
            }
            sched.step();
        }
    }

    private static void resume(Path dir, boolean adam) throws IOException {
        Generator data = new Generator(11);
        Tensor x = Tensor.randn(data, 16, 5);
        Tensor y = Tensor.randint(0, 3, data, 16);

        Run straight = new Run(1, 2, adam);
        for (int e = 0; e < 7; e++) {
            straight.epoch(x, y);
        }

        Run first = new Run(1, 2, adam);
        for (int e = 0; e < 4; e++) {
            first.epoch(x, y);
        }
        Path p = dir.resolve(adam ? "adam.ckpt" : "sgd.ckpt");
        Checkpoint.save(p, first.parts(), 3, Map.of("note", "mid-run"));

        Run resumed = new Run(99, 98, adam); // different seeds: everything must come from the file
        Checkpoint.Info info = Checkpoint.load(p, resumed.parts());
        assertEquals(3, info.epoch());
        for (int e = (int) info.epoch() + 1; e < 7; e++) {
            resumed.epoch(x, y);
        }
        Map<String, Tensor> a = straight.model.stateDict();
        Map<String, Tensor> b = resumed.model.stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            Tensor ta = a.get(k);
            Tensor tb = b.get(k);
            if (ta.dtype() == dev.nabla.tensor.DType.INT64) {
                assertArrayEquals(TensorCopy.longs(ta), TensorCopy.longs(tb), k);
            } else {
                float[] fa = ta.toFloatArray();
                float[] fb = tb.toFloatArray();
                for (int i = 0; i < fa.length; i++) {
                    assertEquals(Float.floatToRawIntBits(fa[i]), Float.floatToRawIntBits(fb[i]), k + "[" + i + "]");
                }
            }
        }
        assertEquals(straight.opt.getLr(0), resumed.opt.getLr(0));
        assertEquals(straight.rng.nextLong(), resumed.rng.nextLong());
    }

    @Test
    void resumeWithAdamIsBitExact() throws IOException {
        resume(dir, true);
    }

    @Test
    void resumeWithNesterovSgdIsBitExact() throws IOException {
        resume(dir, false);
    }
}
