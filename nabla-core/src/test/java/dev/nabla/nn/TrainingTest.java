package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.optim.Adagrad;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.RMSprop;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Small end-to-end training runs: modules, losses and every optimizer together must reduce the loss. */
class TrainingTest {

    private static final List<String> OPTIMIZERS = List.of("SGD", "SGD+momentum", "Adam", "AdamW", "RMSprop", "Adagrad");

    private static Optimizer optimizer(String name, List<Tensor> params) {
        return switch (name) {
            case "SGD" -> new SGD(params, 0.1);
            case "SGD+momentum" -> SGD.builder(params).lr(0.05).momentum(0.9).build();
            case "Adam" -> new Adam(params, 0.01);
            case "AdamW" -> new AdamW(params, 0.01);
            case "RMSprop" -> new RMSprop(params, 0.005);
            case "Adagrad" -> new Adagrad(params, 0.05);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Trains for {@code steps} full-batch steps; returns {first loss, last loss}. */
    private static float[] train(Module model, Loss criterion, Optimizer opt, Tensor x, Tensor y, int steps) {
        float first = Float.NaN;
        float last = Float.NaN;
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Tensor loss = criterion.call(model.call(x), y);
            loss.backward();
            opt.step();
            if (i == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        return new float[] {first, last};
    }

    /** Two Gaussian blobs in 4-D, labelled 0 and 1. */
    private static Tensor[] blobs(Generator g, int n) {
        float[] x = new float[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (g.nextGaussian() + (y[i] == 0 ? -1 : 1));
            }
        }
        return new Tensor[] {Tensor.wrap(x, n, 4), Tensor.ofLongs(y, n)};
    }

    @Test
    void mlpLossFallsWithEveryOptimizer() {
        Tensor[] data = blobs(new Generator(1), 64);
        for (String name : OPTIMIZERS) {
            Generator g = new Generator(2);
            Sequential mlp = new Sequential(new Linear(4, 16, true, g), new ReLU(), new Dropout(0.1, g),
                    new Linear(16, 2, true, g));
            float[] r = train(mlp, new CrossEntropyLoss(), optimizer(name, mlp.parameters()), data[0], data[1], 40);
            assertTrue(r[1] < 0.6 * r[0], name + ": loss " + r[0] + " -> " + r[1]);
        }
    }

    @Test
    void frozenLayerIsUntouchedEvenByWeightDecay() {
        Tensor[] data = blobs(new Generator(5), 32);
        Generator g = new Generator(6);
        Linear frozen = new Linear(4, 8, true, g);
        Linear head = new Linear(8, 2, true, g);
        Sequential model = new Sequential(frozen, new Tanh(), head);
        frozen.requiresGrad(false);
        float[] w = frozen.weight.toFloatArray();
        float[] b = frozen.bias.toFloatArray();
        float[] h = head.weight.toFloatArray();
        // AdamW decays every parameter it steps: the frozen ones have no gradient and must be skipped
        Optimizer opt = AdamW.builder(model.parameters()).lr(0.01).weightDecay(0.5).build();
        float[] r = train(model, new CrossEntropyLoss(), opt, data[0], data[1], 10);
        assertTrue(java.util.Arrays.equals(w, frozen.weight.toFloatArray()));
        assertTrue(java.util.Arrays.equals(b, frozen.bias.toFloatArray()));
        assertTrue(!java.util.Arrays.equals(h, head.weight.toFloatArray()));
        assertTrue(r[1] < r[0], r[0] + " -> " + r[1]);
    }

    /** 8x8 images with a bright 3x3 patch in the top (class 0) or bottom (class 1) half. */
    private static Tensor[] patches(Generator g, int n) {
        float[] x = new float[n * 64];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int p = 0; p < 64; p++) {
                x[i * 64 + p] = (float) (0.1 * g.nextGaussian());
            }
            int top = (int) (y[i] == 0 ? g.nextLong(2) : 4 + g.nextLong(2));
            int left = (int) g.nextLong(6);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    x[i * 64 + (top + r) * 8 + left + c] += 1f;
                }
            }
        }
        return new Tensor[] {Tensor.wrap(x, n, 1, 8, 8), Tensor.ofLongs(y, n)};
    }

    @Test
    void cnnLossFallsWithEveryOptimizer() {
        Tensor[] data = patches(new Generator(3), 32);
        Function<Generator, Sequential> build = g -> new Sequential(
                Conv2d.builder(1, 4, 3).padding(1).generator(g).build(), new BatchNorm2d(4), new ReLU(),
                new MaxPool2d(2), Conv2d.builder(4, 4, 3).padding(1).generator(g).build(), new ReLU(),
                new AdaptiveAvgPool2d(2), new Flatten(), new Linear(16, 2, true, g));
        for (String name : OPTIMIZERS) {
            Sequential cnn = build.apply(new Generator(4));
            float[] r = train(cnn, new CrossEntropyLoss(), optimizer(name, cnn.parameters()), data[0], data[1], 25);
            assertTrue(r[1] < 0.8 * r[0], name + ": loss " + r[0] + " -> " + r[1]);
        }
    }
}
