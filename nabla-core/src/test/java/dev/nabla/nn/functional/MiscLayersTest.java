package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** lp pooling, local response norm, bilinear, one_hot and rrelu against PyTorch 1.13 values and finite differences. */
class MiscLayersTest {
    /** (1, 2, 3, 4) with x[i] = sin(i / 5). */
    private static Tensor sines() {
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) {
            v[i] = (float) Math.sin(i / 5.0);
        }
        return Tensor.of(v, 1, 2, 3, 4);
    }

    @Test
    void valuesMatchPyTorch() {
        assertArrayEquals(new float[] {1.123451f, 1.519959f, 0.8892137f, 0.8380491f},
                LpPooling.lpPool2d(sines(), 2.0, new int[] {2}, null, false).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0.1914122f, 0.3770493f, 0.5418574f, 0.6741586f, 0.7683317f, 0.8245852f,
                0.8467062f}, java.util.Arrays.copyOf(LocalResponseNorm.apply(sines(), 3, 0.5, 0.75, 1.0)
                .toFloatArray(), 8), 1e-6f);
        Tensor a = Tensor.of(new float[] {1f, 2f, 0.5f, -1f}, 2, 2);
        Tensor b = Tensor.of(new float[] {0.3f, -0.2f, 0.1f, 1f, 0f, 2f}, 2, 3);
        float[] w = new float[12];
        for (int i = 0; i < 12; i++) {
            w[i] = (float) Math.cos(i / 4.0);
        }
        assertArrayEquals(new float[] {0.57993264f, -0.32605152f, 0.11524897f, 1.9960001f},
                BilinearForm.bilinear(a, b, Tensor.of(w, 2, 2, 3), Tensor.of(new float[] {0.1f, -0.1f}, 2))
                        .toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.4f, 1f},
                F.rrelu(Tensor.of(new float[] {-2f, 1f}, 2), 0.1, 0.3, false, null).toFloatArray(), 1e-7f);
        Tensor oh = Embeddings.oneHot(Tensor.ofLongs(new long[] {2, 0, 1}, 3), -1);
        assertArrayEquals(new int[] {3, 3}, oh.shape());
        assertArrayEquals(new long[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, oh.toLongArray());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator g = new Generator(9);
        Tensor x = Tensor.rand(g, 1, 2, 4, 5).add(0.2).requiresGrad(true);
        GradCheck.check(in -> LpPooling.lpPool2d(in[0], 3.0, new int[] {2, 3}, new int[] {1, 2}, true), x);
        GradCheck.check(in -> LpPooling.lpPool1d(in[0].reshape(2, 4, 5), 1.5, 2, null, false), x);
        GradCheck.check(in -> LocalResponseNorm.apply(in[0], 3, 0.2, 0.75, 1.0), x);
        Tensor a = Tensor.randn(g, 2, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(g, 2, 3, 2).requiresGrad(true);
        Tensor w = Tensor.randn(g, 5, 4, 2).requiresGrad(true);
        Tensor bias = Tensor.randn(g, 5).requiresGrad(true);
        GradCheck.check(in -> BilinearForm.bilinear(in[0], in[1], in[2], in[3]), a, b, w, bias);
    }

    @Test
    void errors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Embeddings.oneHot(Tensor.ofLongs(new long[] {3}, 1), 2));
        assertTrue(e.getMessage().contains("one_hot") && e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BilinearForm.bilinear(Tensor.zeros(2, 4),
                Tensor.zeros(2, 3), Tensor.zeros(5, 4, 2), null));
        assertTrue(e.getMessage().contains("bilinear") && e.getMessage().contains("[5, 4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LocalResponseNorm.apply(Tensor.zeros(2, 3), 2, 1, 1, 1));
        assertTrue(e.getMessage().contains("local_response_norm") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.rrelu(Tensor.zeros(2), 0.5, 0.1, false, null));
        assertTrue(e.getMessage().contains("rrelu"), e.getMessage());
    }
}
