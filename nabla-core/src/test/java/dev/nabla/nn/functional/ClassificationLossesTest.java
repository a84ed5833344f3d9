package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClassificationLossesTest {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final double LN4 = Math.log(4);

    private static Tensor ce(Tensor x, Tensor t, Tensor w, int ignore, Reduction r, double ls) {
        return ClassificationLosses.crossEntropy(x, t, w, ignore, r, ls);
    }

    @Test
    void crossEntropyMatchesHandComputedValue() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        double expected = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
        assertEquals(expected, F.crossEntropy(x, Tensor.ofLongs(new long[] {2}, 1)).item(), 1e-6);
    }

    @Test
    void weightedMeanDividesBySumOfTargetWeights() {
        // Row 0: uniform over 2 classes, target 0 -> ln 2. Row 1: logits (0, ln 3), target 1 -> ln 4 - ln 3.
        Tensor x = Tensor.of(new float[] {0, 0, 0, (float) LN3}, 2, 2);
        Tensor t = Tensor.ofLongs(new long[] {0, 1}, 2);
        Tensor w = Tensor.of(new float[] {1, 3}, 2);
        double l0 = LN2;
        double l1 = LN4 - LN3;
        assertEquals((1 * l0 + 3 * l1) / 4, ce(x, t, w, -100, Reduction.MEAN, 0).item(), 1e-6);
        assertEquals(1 * l0 + 3 * l1, ce(x, t, w, -100, Reduction.SUM, 0).item(), 1e-6);
        assertArrayEquals(new float[] {(float) l0, (float) (3 * l1)},
                ce(x, t, w, -100, Reduction.NONE, 0).toFloatArray(), 1e-6f);
    }

    @Test
    void ignoredTargetsContributeNothingToValueOrMean() {
        Tensor x = Tensor.of(new float[] {0, 0, 5, -5}, 2, 2);
        Tensor t = Tensor.ofLongs(new long[] {0, -100}, 2);
        assertEquals(LN2, F.crossEntropy(x, t).item(), 1e-6);
        Tensor none = ce(x, t, null, -100, Reduction.NONE, 0);
        assertEquals(0f, none.toFloatArray()[1]);
        // A custom ignore_index that is a valid class.
        Tensor t2 = Tensor.ofLongs(new long[] {0, 1}, 2);
        assertEquals(LN2, ce(x, t2, null, 1, Reduction.MEAN, 0).item(), 1e-6);
        // All ignored: the weighted mean is 0 / 0 = NaN, as in PyTorch.
        assertTrue(Float.isNaN(ce(x, Tensor.ofLongs(new long[] {-100, -100}, 2), null, -100, Reduction.MEAN, 0).item()));
    }

    @Test
    void labelSmoothingMixesInUniformTerm() {
        Tensor x = Tensor.of(new float[] {0, (float) LN3}, 1, 2);
        Tensor t = Tensor.ofLongs(new long[] {1}, 1);
        double lp0 = -LN4;
        double lp1 = LN3 - LN4;
        double eps = 0.2;
        double expected = (1 - eps) * -lp1 + eps / 2 * -(lp0 + lp1);
        assertEquals(expected, ce(x, t, null, -100, Reduction.MEAN, eps).item(), 1e-6);
        // With weights (2, 5): nll weighted by w_t, smoothing term by each w_c, mean divided by w_t.
        Tensor w = Tensor.of(new float[] {2, 5}, 2);
        double weighted = ((1 - eps) * 5 * -lp1 + eps / 2 * -(2 * lp0 + 5 * lp1)) / 5;
        assertEquals(weighted, ce(x, t, w, -100, Reduction.MEAN, eps).item(), 1e-6);
    }

    @Test
    void probabilityTargetsEqualIndexTargetsWhenOneHot() {
        Generator g = new Generator(3);
        Tensor x = Tensor.randn(g, 4, 3);
        Tensor idx = Tensor.ofLongs(new long[] {2, 0, 1, 1}, 4);
        Tensor oneHot = Tensor.of(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0}, 4, 3);
        Tensor w = Tensor.of(new float[] {0.5f, 2f, 1f}, 3);
        for (Reduction r : new Reduction[] {Reduction.SUM, Reduction.NONE}) {
            assertArrayEquals(ce(x, idx, w, -100, r, 0.1).toFloatArray(), ce(x, oneHot, w, -100, r, 0.1).toFloatArray(),
                    1e-5f);
        }
        // Mean over probability targets divides by the number of samples, not the weights.
        assertEquals(ce(x, oneHot, w, -100, Reduction.SUM, 0).item() / 4, ce(x, oneHot, w, -100, Reduction.MEAN, 0).item(),
                1e-5);
    }

    @Test
    void spatialInputEqualsFlattenedRows() {
        Generator g = new Generator(5);
        Tensor x = Tensor.randn(g, 2, 3, 2, 2);
        Tensor t = Tensor.ofLongs(new long[] {0, 1, 2, -1, 2, 2, 1, 0}, 2, 2, 2);
        Tensor rows = x.permute(0, 2, 3, 1).reshape(8, 3);
        Tensor flatT = t.reshape(8);
        assertEquals(ce(rows, flatT, null, -1, Reduction.MEAN, 0.05).item(),
                ce(x, t, null, -1, Reduction.MEAN, 0.05).item(), 1e-6);
        assertArrayEquals(new int[] {2, 2, 2}, ce(x, t, null, -1, Reduction.NONE, 0).shape());
    }

    @Test
    void unbatchedInputGivesScalar() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor t = Tensor.ofLongs(new long[] {0});
        Tensor l = ce(x, t.reshape(), null, -100, Reduction.NONE, 0);
        assertEquals(0, l.dim());
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1, l.item(), 1e-6);
    }

    @Test
    void nllLossPicksNegatedLogProbability() {
        Tensor lp = Tensor.of(new float[] {-0.5f, -1.5f, -2f, -0.1f}, 2, 2);
        Tensor t = Tensor.ofLongs(new long[] {1, 0}, 2);
        assertEquals((1.5 + 2) / 2, F.nllLoss(lp, t).item(), 1e-6);
        Tensor w = Tensor.of(new float[] {3, 1}, 2);
        assertEquals((1 * 1.5 + 3 * 2) / 4, F.nllLoss(lp, t, w, -100, Reduction.MEAN).item(), 1e-6);
    }

    @Test
    void crossEntropyGradientsForEveryVariant() {
        Generator g = new Generator(11);
        Tensor x = Tensor.randn(g, 4, 3).requiresGrad(true);
        Tensor t = Tensor.ofLongs(new long[] {2, 0, 1, 1}, 4);
        Tensor w = Tensor.of(new float[] {0.5f, 2f, 1f}, 3);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            GradCheck.check(in -> ce(in[0], t, null, -100, r, 0), x);
            GradCheck.check(in -> ce(in[0], t, w, -100, r, 0), x);
            GradCheck.check(in -> ce(in[0], t, w, 1, r, 0), x);
            GradCheck.check(in -> ce(in[0], t, w, 0, r, 0.3), x);
            GradCheck.check(in -> ce(in[0], t, null, -100, r, 0.1), x);
            GradCheck.check(in -> F.nllLoss(in[0], t, w, 2, r), x);
        }
    }

    @Test
    void crossEntropyGradientsSpatialUnbatchedAndProbabilities() {
        Generator g = new Generator(12);
        Tensor x4 = Tensor.randn(g, 2, 3, 2, 1).requiresGrad(true);
        Tensor t3 = Tensor.ofLongs(new long[] {0, 2, -100, 1}, 2, 2, 1);
        Tensor w = Tensor.of(new float[] {0.5f, 2f, 1f}, 3);
        GradCheck.check(in -> ce(in[0], t3, w, -100, Reduction.MEAN, 0.2), x4);
        GradCheck.check(in -> ce(in[0], t3, null, -100, Reduction.NONE, 0), x4);
        GradCheck.check(in -> F.nllLoss(in[0], t3, null, -100, Reduction.SUM), x4);
        Tensor x1 = Tensor.randn(g, 3).requiresGrad(true);
        GradCheck.check(in -> ce(in[0], Tensor.ofLongs(new long[] {1}).reshape(), null, -100, Reduction.MEAN, 0), x1);
        // Batch of 1 and a single class.
        Tensor single = Tensor.randn(g, 1, 1).requiresGrad(true);
        GradCheck.check(in -> ce(in[0], Tensor.ofLongs(new long[] {0}, 1), null, -100, Reduction.MEAN, 0.1), single);
        Tensor probs = Tensor.rand(g, 4, 3).softmax(1).requiresGrad(true);
        Tensor x = Tensor.randn(g, 4, 3).requiresGrad(true);
        for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
            GradCheck.check(in -> ce(in[0], in[1], w, -100, r, 0.1), x, probs);
        }
    }

    @Test
    void targetOutOfRangeNamesValueAndClassCount() {
        Tensor x = Tensor.zeros(2, 3);
        var e = assertThrows(IndexOutOfBoundsException.class,
                () -> F.crossEntropy(x, Tensor.ofLongs(new long[] {0, 5}, 2)));
        assertTrue(e.getMessage().contains("target 5") && e.getMessage().contains("3 classes"), e.getMessage());
        var neg = assertThrows(IndexOutOfBoundsException.class, () -> F.nllLoss(x, Tensor.ofLongs(new long[] {-1, 0}, 2)));
        assertTrue(neg.getMessage().startsWith("nll_loss: target -1"), neg.getMessage());
    }

    @Test
    void badTargetsAndWeightsAreRejectedWithShapes() {
        Tensor x = Tensor.zeros(2, 3);
        var shape = assertThrows(IllegalArgumentException.class,
                () -> F.crossEntropy(x, Tensor.ofLongs(new long[] {0, 1, 2}, 3)));
        assertTrue(shape.getMessage().contains("expected target of shape [2]"), shape.getMessage());
        var floatWrong = assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(x, Tensor.zeros(2)));
        assertTrue(floatWrong.getMessage().contains("class probabilities"), floatWrong.getMessage());
        var nllFloat = assertThrows(IllegalArgumentException.class, () -> F.nllLoss(x, Tensor.zeros(2)));
        assertTrue(nllFloat.getMessage().contains("int64"), nllFloat.getMessage());
        var weight = assertThrows(IllegalArgumentException.class,
                () -> ce(x, Tensor.ofLongs(new long[] {0, 1}, 2), Tensor.ones(2), -100, Reduction.MEAN, 0));
        assertTrue(weight.getMessage().contains("size 3"), weight.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ce(x, Tensor.ofLongs(new long[] {0, 1}, 2), null, -100, Reduction.MEAN, 1.5));
        assertThrows(IllegalArgumentException.class, () -> ce(x, Tensor.zeros(2, 3), null, 0, Reduction.MEAN, 0));
    }
}
