package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** normalize, cosine_similarity, pairwise_distance, glu, softmin, prelu and the margin/likelihood losses vs PyTorch 1.13. */
class SimilarityAndMarginLossesTest {
    private final Tensor x1 = Tensor.of(new float[] {1f, 2f, 3f, -1f, 0.5f, 2f}, 2, 3);
    private final Tensor x2 = Tensor.of(new float[] {0.5f, -1f, 2f, 1f, 1f, 1f}, 2, 3);
    private final Tensor y = Tensor.of(new float[] {1f, -1f}, 2);

    @Test
    void similaritiesAndActivations() {
        assertArrayEquals(new float[] {0.52489066f, 0.37796447f}, F.cosineSimilarity(x1, x2, 1, 1e-8).toFloatArray(),
                1e-6f);
        assertArrayEquals(new float[] {3.2015635f, 2.2912872f}, F.pairwiseDistance(x1, x2, 2, 1e-6, false)
                .toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.26726124f, 0.53452248f, 0.80178373f, -0.43643578f, 0.21821789f, 0.87287156f},
                F.normalize(x1, 2, 1, 1e-12).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.26894142f, 1.2449187f},
                F.glu(Tensor.of(new float[] {1f, 2f, -1f, 0.5f}, 1, 4), -1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.66524096f, 0.24472847f, 0.09003057f},
                F.softmin(Tensor.of(new float[] {1f, 2f, 3f}, 3), 0).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1f, 2f, 3f, -0.3f, 0.5f, 2f},
                F.prelu(x1.reshape(1, 2, 3), Tensor.of(new float[] {0.1f, 0.3f}, 2)).toFloatArray(), 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> F.glu(x1, 1));
        assertTrue(e.getMessage().contains("glu") && e.getMessage().contains("size 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.prelu(x1, Tensor.ones(2)));
        assertTrue(e.getMessage().contains("prelu") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void lossValuesMatchPyTorch() {
        Reduction mean = Reduction.MEAN;
        assertEquals(1.2200948, MarginLosses.softMarginLoss(x1.reshape(-1).narrow(0, 0, 2), y, mean).item(), 1e-6);
        assertEquals(1.65, MarginLosses.marginRankingLoss(x1.select(0, 0).narrow(0, 0, 2),
                x2.select(0, 0).narrow(0, 0, 2), y, 0.3, mean).item(), 1e-6);
        assertEquals(0.36666667, MarginLosses.hingeEmbeddingLoss(Tensor.of(new float[] {0.3f, 1.5f, 0.2f}, 3),
                Tensor.of(new float[] {1f, -1f, -1f}, 3), 1.0, mean).item(), 1e-6);
        assertEquals(0.37653691, MarginLosses.cosineEmbeddingLoss(x1, x2, y, 0.1, mean).item(), 1e-6);
        assertEquals(0.65050729, MarginLosses.multilabelSoftMarginLoss(x1,
                Tensor.of(new float[] {1, 0, 1, 0, 0, 1}, 2, 3), null, mean).item(), 1e-6);
        assertEquals(2.2381879, MarginLosses.tripletMarginLoss(x1, x2, x1.mul(0.5), 1.0, 2.0, 1e-6, false, mean)
                .item(), 1e-5);
        Tensor classes = Tensor.ofLongs(new long[] {2, 0}, 2);
        assertEquals(1.0833333, MarginLosses.multiMarginLoss(x1, classes, 1, 1.0, null, mean).item(), 1e-6);
        assertEquals(2.7083333, MarginLosses.multiMarginLoss(x1, classes, 2, 0.5,
                Tensor.of(new float[] {1f, 2f, 3f}, 3), mean).item(), 1e-5);
        assertEquals(3.2664219, LikelihoodLosses.poissonNllLoss(x1, x2.abs().mul(2.0), true, false, 1e-8, mean).item(),
                1e-5);
        assertEquals(9.4837455, LikelihoodLosses.poissonNllLoss(x1.abs(), x2.abs().mul(2.0), false, true, 1e-8,
                Reduction.SUM).item(), 1e-5);
        assertEquals(1.9270833, LikelihoodLosses.gaussianNllLoss(x1, x2, Tensor.of(new float[] {0.5f, 2f}, 2, 1),
                false, 1e-6, mean).item(), 1e-6);
        // var below eps is clamped to eps (1e-6) in the value
        assertEquals(2624994.0, LikelihoodLosses.gaussianNllLoss(x1, x2, Tensor.of(new float[] {0.5f, 1e-9f}, 2),
                true, 1e-6, Reduction.SUM).item(), 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LikelihoodLosses.gaussianNllLoss(x1, x2, Tensor.ones(3, 2), false, 1e-6, mean));
        assertTrue(e.getMessage().contains("gaussian_nll_loss") && e.getMessage().contains("[3, 2]"), e.getMessage());
        IndexOutOfBoundsException o = assertThrows(IndexOutOfBoundsException.class,
                () -> MarginLosses.multiMarginLoss(x1, Tensor.ofLongs(new long[] {3, 0}, 2), 1, 1, null, mean));
        assertTrue(o.getMessage().contains("multi_margin_loss") && o.getMessage().contains("3"), o.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator g = new Generator(11);
        Tensor a = Tensor.randn(g, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(g, 3, 4).requiresGrad(true);
        Tensor c = Tensor.randn(g, 3, 4).requiresGrad(true);
        Tensor signs = Tensor.of(new float[] {1, -1, 1, -1, -1, 1, 1, 1, -1, 1, -1, -1}, 3, 4);
        Tensor rowSigns = Tensor.of(new float[] {1, -1, -1}, 3);
        GradCheck.check(in -> F.cosineSimilarity(in[0], in[1], 1, 1e-8), a, b);
        GradCheck.check(in -> F.normalize(in[0], 2, 1, 1e-12), a);
        GradCheck.check(in -> F.glu(in[0], 1), a);
        GradCheck.check(in -> MarginLosses.softMarginLoss(in[0], signs, Reduction.SUM), a);
        GradCheck.check(in -> MarginLosses.cosineEmbeddingLoss(in[0], in[1], rowSigns, -0.9, Reduction.MEAN), a, b);
        GradCheck.check(in -> MarginLosses.tripletMarginLoss(in[0], in[1], in[2], 5.0, 2, 1e-6, true, Reduction.MEAN),
                a, b, c);
        GradCheck.check(in -> MarginLosses.multilabelSoftMarginLoss(in[0], signs.add(1.0).mul(0.5), null,
                Reduction.NONE), a);
        Tensor var = Tensor.rand(g, 3, 4).add(0.5).requiresGrad(true);
        GradCheck.check(in -> LikelihoodLosses.gaussianNllLoss(in[0], in[1], in[2], true, 1e-6, Reduction.MEAN),
                a, b, var);
        GradCheck.check(in -> LikelihoodLosses.poissonNllLoss(in[0], b.detach().abs(), true, true, 1e-8,
                Reduction.SUM), a);
    }
}
