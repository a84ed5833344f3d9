package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.lr.CosineAnnealingLR;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.optim.lr.OneCycleLR;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A two-layer MLP trained for a few steps with each optimizer: the loss must fall. */
class MlpTrainingTest {
    private static final int N = 64;
    private static final int IN = 4;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;

    private record Mlp(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        static Mlp init(long seed) {
            Generator g = new Generator(seed);
            return new Mlp(Tensor.randn(g, HIDDEN, IN).mul(0.5).detach().requiresGrad(true),
                    Tensor.zeros(HIDDEN).requiresGrad(true),
                    Tensor.randn(g, CLASSES, HIDDEN).mul(0.25).detach().requiresGrad(true),
                    Tensor.zeros(CLASSES).requiresGrad(true));
        }

        List<Tensor> params() {
            return List.of(w1, b1, w2, b2);
        }

        Tensor forward(Tensor x) { // (N, IN) -> (N, CLASSES)
            return F.linear(F.relu(F.linear(x, w1, b1)), w2, b2);
        }
    }

    /** Inputs in (N, IN) and labels: the class is which of the first three features is largest. */
    private static Tensor[] data() {
        Generator g = new Generator(3);
        Tensor x = Tensor.randn(g, N, IN);
        long[] y = new long[N];
        for (int i = 0; i < N; i++) {
            int best = 0;
            for (int c = 1; c < CLASSES; c++) {
                if (x.get(i, c) > x.get(i, best)) {
                    best = c;
                }
            }
            y[i] = best;
        }
        return new Tensor[] {x, Tensor.ofLongs(y, N, 1)};
    }

    /** Mean negative log-likelihood from logSoftmax and gather. */
    private static Tensor crossEntropy(Tensor logits, Tensor labels) {
        return logits.logSoftmax(1).gather(1, labels).mean().neg();
    }

    private static void assertLearns(String name, Function<List<Tensor>, Optimizer> make, int steps) {
        Mlp mlp = Mlp.init(1);
        Tensor[] d = data();
        Optimizer opt = make.apply(mlp.params());
        LRScheduler sched = new CosineAnnealingLR(opt, steps);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            Tensor loss = crossEntropy(mlp.forward(d[0]), d[1]);
            loss.backward();
            GradClip.clipGradNorm(mlp.params(), 5.0);
            opt.step();
            sched.step();
            if (s == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(Float.isFinite(last) && last < 0.5f * first, name + ": loss " + first + " -> " + last);
    }

    @Test
    void everyOptimizerReducesTheLoss() {
        assertLearns("SGD", ps -> SGD.builder(ps).lr(0.5).build(), 40);
        assertLearns("SGD momentum", ps -> SGD.builder(ps).lr(0.1).momentum(0.9).nesterov(true).build(), 40);
        assertLearns("Adam", ps -> new Adam(ps, 0.05), 40);
        assertLearns("Adam amsgrad", ps -> Adam.builder(ps).lr(0.05).amsgrad(true).weightDecay(1e-4).build(), 40);
        assertLearns("AdamW", ps -> AdamW.builder(ps).lr(0.05).build(), 40);
        assertLearns("RMSprop", ps -> new RMSprop(ps, 0.01), 40);
        assertLearns("RMSprop centered", ps -> RMSprop.builder(ps).lr(0.005).momentum(0.5).centered(true).build(), 40);
        assertLearns("Adagrad", ps -> new Adagrad(ps, 0.2), 40);
    }

    @Test
    void trainsModuleParametersUnderOneCycle() {
        Generator g = new Generator(5);
        Sequential model = new Sequential(new Linear(IN, HIDDEN, true, g), new ReLU(), new Linear(HIDDEN, CLASSES, true, g));
        Tensor[] d = data();
        AdamW opt = AdamW.builder(model.parameters()).lr(0.02).build();
        LRScheduler sched = OneCycleLR.builder(opt, 0.05).totalSteps(30).build();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int s = 0; s < 30; s++) {
            opt.zeroGrad();
            Tensor loss = crossEntropy(model.forward(d[0]), d[1]);
            loss.backward();
            opt.step();
            sched.step();
            first = s == 0 ? loss.item() : first;
            last = loss.item();
        }
        assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
        double beta1 = opt.paramGroups().get(0).getDouble("betas", 0);
        assertTrue(beta1 > 0.94 && beta1 <= 0.95, "OneCycle brings beta1 back up to max_momentum: " + beta1);
    }

    @Test
    void meanSquaredErrorRegressionWithL2Penalty() {
        Mlp mlp = Mlp.init(2);
        Tensor[] d = data();
        Tensor target = d[0].narrow(1, 0, CLASSES).mul(2.0); // a learnable map of the inputs
        Adam opt = new Adam(mlp.params(), 0.02);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int s = 0; s < 60; s++) {
            opt.zeroGrad();
            Tensor diff = mlp.forward(d[0]).sub(target);
            Tensor mse = diff.mul(diff).mean();
            Tensor loss = mse.add(Penalties.l2Penalty(List.of(mlp.w1(), mlp.w2())).mul(1e-4));
            loss.backward();
            opt.step();
            if (s == 0) {
                first = mse.item();
            }
            last = mse.item();
        }
        assertTrue(last < 0.3f * first, "mse " + first + " -> " + last);
    }
}
