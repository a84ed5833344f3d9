package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class RegressionAndBinaryLossesTest {
    private static final Reduction[] REDUCTIONS = {Reduction.MEAN, Reduction.SUM, Reduction.NONE};

    private final Tensor x = Tensor.of(new float[] {0.5f, -1f, 3f, 2f}, 2, 2);
    private final Tensor y = Tensor.of(new float[] {0f, 1f, 3.2f, 0f}, 2, 2);

    @Test
    void regressionValuesByHand() {
        // d = (0.5, -2, -0.2, 2)
        assertEquals((0.25 + 4 + 0.04 + 4) / 4, F.mseLoss(x, y).item(), 1e-6);
        assertEquals(0.5 + 2 + 0.2 + 2, F.l1Loss(x, y, Reduction.SUM).item(), 1e-6);
        // beta 1: 0.5 d^2 inside, |d| - 0.5 outside.
        assertArrayEquals(new float[] {0.125f, 1.5f, 0.02f, 1.5f}, F.smoothL1Loss(x, y, Reduction.NONE, 1).toFloatArray(),
                1e-6f);
        // delta 0.4: 0.5 d^2 inside, 0.4 (|d| - 0.2) outside.
        assertArrayEquals(new float[] {0.4f * 0.3f, 0.4f * 1.8f, 0.02f, 0.4f * 1.8f},
                F.huberLoss(x, y, Reduction.NONE, 0.4).toFloatArray(), 1e-6f);
    }

    @Test
    void huberIsDeltaTimesSmoothL1AndBetaZeroIsL1() {
        for (double d : new double[] {0.3, 1.0, 2.5}) {
            assertEquals(d * F.smoothL1Loss(x, y, Reduction.SUM, d).item(), F.huberLoss(x, y, Reduction.SUM, d).item(), 1e-5);
        }
        assertEquals(F.l1Loss(x, y).item(), F.smoothL1Loss(x, y, Reduction.MEAN, 0).item(), 1e-7);
    }

    @Test
    void regressionGradientsForEveryReduction() {
        Generator g = new Generator(7);
        Tensor a = Tensor.randn(g, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(g, 3, 4).requiresGrad(true);
        for (Reduction r : REDUCTIONS) {
            GradCheck.check(in -> F.mseLoss(in[0], in[1], r), a, b);
            GradCheck.check(in -> F.l1Loss(in[0], in[1], r), a, b);
            GradCheck.check(in -> F.smoothL1Loss(in[0], in[1], r, 0.7), a, b);
            GradCheck.check(in -> F.huberLoss(in[0], in[1], r, 0.6), a, b);
        }
        // Broadcasting target, as PyTorch allows (with a warning).
        Tensor row = Tensor.randn(g, 4).requiresGrad(true);
        GradCheck.check(in -> F.mseLoss(in[0], in[1], Reduction.MEAN), a, row);
    }

    @Test
    void l1GradientAtZeroDifferenceIsZero() {
        Tensor a = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        F.l1Loss(a, Tensor.of(new float[] {1f, 0f}, 2), Reduction.SUM).backward();
        assertArrayEquals(new float[] {0f, 1f}, a.grad().toFloatArray());
    }

    @Test
    void klDivValuesAndReductions() {
        Tensor logq = Tensor.of(new float[] {(float) Math.log(0.25), (float) Math.log(0.75),
            (float) Math.log(0.5), (float) Math.log(0.5)}, 2, 2);
        Tensor p = Tensor.of(new float[] {0.5f, 0.5f, 0f, 1f}, 2, 2);
        double row0 = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
        double row1 = Math.log(1 / 0.5);
        assertEquals((row0 + row1) / 2, F.klDiv(logq, p, Reduction.BATCHMEAN, false).item(), 1e-6);
        assertEquals((row0 + row1) / 4, F.klDiv(logq, p).item(), 1e-6);
        // 0 log 0 = 0: the zero-probability element contributes nothing.
        assertEquals(0f, F.klDiv(logq, p, Reduction.NONE, false).toFloatArray()[2]);
        Tensor logp = Tensor.of(new float[] {(float) Math.log(0.5), (float) Math.log(0.5), -1e3f, 0f}, 2, 2);
        assertEquals(F.klDiv(logq, p, Reduction.SUM, false).item(), F.klDiv(logq, logp, Reduction.SUM, true).item(), 1e-5);
    }

    @Test
    void klDivGradients() {
        Generator g = new Generator(8);
        Tensor logq = Tensor.randn(g, 3, 4).logSoftmax(1).requiresGrad(true);
        Tensor p = Tensor.rand(g, 3, 4).add(0.1).softmax(1).requiresGrad(true);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE, Reduction.BATCHMEAN}) {
            GradCheck.check(in -> F.klDiv(in[0], in[1], r, false), logq, p);
            GradCheck.check(in -> F.klDiv(in[0], in[1], r, true), logq, logq.detach().mul(0.5).requiresGrad(true));
        }
    }

    @Test
    void binaryCrossEntropyValuesAndLogClamp() {
        Tensor p = Tensor.of(new float[] {0.8f, 0.3f}, 2);
        Tensor t = Tensor.of(new float[] {1f, 0f}, 2);
        assertEquals(-(Math.log(0.8) + Math.log(0.7)) / 2, F.binaryCrossEntropy(p, t).item(), 1e-6);
        // log(0) is clamped at -100: a confident wrong answer costs exactly 100, not infinity.
        assertEquals(100f, F.binaryCrossEntropy(Tensor.of(new float[] {0f}, 1), Tensor.of(new float[] {1f}, 1)).item());
        Tensor w = Tensor.of(new float[] {2f, 0.5f}, 2);
        assertEquals(-(2 * Math.log(0.8) + 0.5 * Math.log(0.7)),
                F.binaryCrossEntropy(p, t, w, Reduction.SUM).item(), 1e-6);
        var e = assertThrows(IllegalArgumentException.class,
                () -> F.binaryCrossEntropy(Tensor.of(new float[] {1.5f}, 1), Tensor.of(new float[] {1f}, 1)));
        assertTrue(e.getMessage().contains("between 0 and 1"), e.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> F.binaryCrossEntropy(Tensor.of(new float[] {0.5f, 0.5f}, 2), Tensor.of(new float[] {1f}, 1)));
        assertTrue(shape.getMessage().contains("[1]") && shape.getMessage().contains("[2]"), shape.getMessage());
    }

    @Test
    void bceWithLogitsIsStableAndMatchesSigmoidForm() {
        Tensor logits = Tensor.of(new float[] {100f, -100f, 0.3f}, 3);
        Tensor t = Tensor.of(new float[] {0f, 1f, 1f}, 3);
        float[] l = F.binaryCrossEntropyWithLogits(logits, t, null, null, Reduction.NONE).toFloatArray();
        assertEquals(100f, l[0], 1e-4f);
        assertEquals(100f, l[1], 1e-4f);
        assertEquals(-Math.log(1 / (1 + Math.exp(-0.3))), l[2], 1e-6);
        // pos_weight multiplies the positive term only.
        Tensor pw = Tensor.of(new float[] {3f}, 1);
        float[] lp = F.binaryCrossEntropyWithLogits(logits, t, null, pw, Reduction.NONE).toFloatArray();
        assertEquals(l[0], lp[0], 1e-4f);
        assertEquals(3 * l[2], lp[2], 1e-5f);
        Generator g = new Generator(9);
        Tensor x = Tensor.randn(g, 3, 2);
        Tensor y = Tensor.rand(g, 3, 2);
        assertEquals(F.binaryCrossEntropy(x.sigmoid(), y).item(), F.binaryCrossEntropyWithLogits(x, y).item(), 1e-5);
    }

    @Test
    void binaryGradients() {
        Generator g = new Generator(10);
        Tensor p = Tensor.rand(g, 3, 2).mul(0.8).add(0.1).requiresGrad(true);
        Tensor x = Tensor.randn(g, 3, 2).requiresGrad(true);
        Tensor t = Tensor.rand(g, 3, 2).requiresGrad(true);
        Tensor w = Tensor.rand(g, 2).add(0.5);
        Tensor pw = Tensor.rand(g, 2).add(0.5);
        for (Reduction r : REDUCTIONS) {
            GradCheck.check(in -> F.binaryCrossEntropy(in[0], in[1], w, r), p, t);
            GradCheck.check(in -> F.binaryCrossEntropyWithLogits(in[0], in[1], null, null, r), x, t);
            GradCheck.check(in -> F.binaryCrossEntropyWithLogits(in[0], in[1], w, pw, r), x, t);
        }
        // The gradient at logit 0 is the smooth value sigmoid(0) - t, with no kink.
        Tensor zero = Tensor.zeros(1).requiresGrad(true);
        F.binaryCrossEntropyWithLogits(zero, Tensor.of(new float[] {1f}, 1), null, null, Reduction.SUM).backward();
        assertEquals(-0.5f, zero.grad().item(), 1e-7f);
    }

    @Test
    void batchmeanIsRejectedOutsideKlDiv() {
        var e = assertThrows(IllegalArgumentException.class, () -> F.mseLoss(x, y, Reduction.BATCHMEAN));
        assertTrue(e.getMessage().startsWith("mse_loss"), e.getMessage());
    }
}
