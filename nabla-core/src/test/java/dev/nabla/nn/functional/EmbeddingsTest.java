package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
    private static Tensor table() {
        // row r is [r, 10 r]
        return Tensor.of(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, 4, 2);
    }

    @Test
    void looksUpRowsForAnyIndexShape() {
        Tensor idx = Tensor.ofLongs(new long[] {3, 1, 1, 0, 2, 3}, 2, 3);
        Tensor y = F.embedding(idx, table());
        assertArrayEquals(new int[] {2, 3, 2}, y.shape());
        assertArrayEquals(new float[] {3, 30, 1, 10, 1, 10, 0, 0, 2, 20, 3, 30}, y.toFloatArray());
        assertArrayEquals(new float[] {2, 20}, F.embedding(Tensor.ofLongs(new long[] {2}), table()).toFloatArray());
        // a 0-dim index gives a (D) vector
        assertArrayEquals(new int[] {2}, F.embedding(Tensor.ofLongs(new long[] {1}).reshape(), table()).shape());
    }

    @Test
    void gradientAccumulatesRepeatsAndSkipsPadding() {
        Tensor w = table().requiresGrad(true);
        Tensor idx = Tensor.ofLongs(new long[] {1, 1, 3, 0, 1}, 5);
        F.embedding(idx, w, 0).sum().backward();
        assertArrayEquals(new float[] {0, 0, 3, 3, 0, 0, 1, 1}, w.grad().toFloatArray());
        // negative padding_idx counts from the end: -1 is row 3
        Tensor w2 = table().requiresGrad(true);
        F.embedding(idx, w2, -1).sum().backward();
        assertArrayEquals(new float[] {1, 1, 3, 3, 0, 0, 0, 0}, w2.grad().toFloatArray());
        // the padding row is still looked up (its value is whatever the table holds)
        assertArrayEquals(new float[] {3, 30}, F.embedding(Tensor.ofLongs(new long[] {3}), table(), -1).toFloatArray());
        Tensor idx2 = Tensor.ofLongs(new long[] {0, 2, 2, 1, 3, 2}, 3, 2);
        // (without padding: the padding row's frozen gradient differs from finite differences on purpose)
        GradCheck.check(in -> F.embedding(idx2, in[0]), Tensor.randn(new Generator(3), 4, 3).requiresGrad(true));
    }

    @Test
    void maxNormRescalesLookedUpRowsInPlace() {
        // rows [3, 4] (norm 5) and [0.3, 0.4] (norm 0.5); max_norm 1 rescales only the first, and only if used
        Tensor w = Tensor.of(new float[] {3, 4, 0.3f, 0.4f, 6, 8}, 3, 2);
        Tensor y = Embeddings.embedding(Tensor.ofLongs(new long[] {0, 1, 0}, 3), w, null, 1.0, 2.0);
        float s = (float) (1 / (5 + 1e-7));
        assertArrayEquals(new float[] {3 * s, 4 * s, 0.3f, 0.4f, 3 * s, 4 * s}, y.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {3 * s, 4 * s, 0.3f, 0.4f, 6, 8}, w.toFloatArray(), 1e-6f);
        // the 1-norm of [6, 8] is 14
        Embeddings.embedding(Tensor.ofLongs(new long[] {2}, 1), w, null, 7.0, 1.0);
        assertArrayEquals(new float[] {3, 4}, new float[] {w.getFloat(2, 0), w.getFloat(2, 1)}, 1e-5f);
    }

    @Test
    void scaleGradByFreqDividesEachRowsGradientByItsCount() {
        Tensor w = table().requiresGrad(true);
        Tensor idx = Tensor.ofLongs(new long[] {1, 1, 3, 0, 1}, 5);
        // upstream gradient row i is [i + 1, 1]: row 1 gets (1 + 2 + 5) / 3, row 3 gets 3, row 0 gets 4
        Tensor up = Tensor.of(new float[] {1, 1, 2, 1, 3, 1, 4, 1, 5, 1}, 5, 2);
        Embeddings.embedding(idx, w, null, null, 2.0, true).mul(up).sum().backward();
        assertArrayEquals(new float[] {4, 1, 8f / 3, 1, 0, 0, 3, 1}, w.grad().toFloatArray(), 1e-6f);
        // with padding_idx the padding row still gets nothing
        Tensor w2 = table().requiresGrad(true);
        Embeddings.embedding(idx, w2, 1, null, 2.0, true).mul(up).sum().backward();
        assertArrayEquals(new float[] {4, 1, 0, 0, 0, 0, 3, 1}, w2.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void nonContiguousWeight() {
        Tensor wt = Tensor.randn(new Generator(4), 3, 5);
        Tensor w = wt.t();   // (5, 3) view
        Tensor idx = Tensor.ofLongs(new long[] {4, 0, 2}, 3);
        assertArrayEquals(F.embedding(idx, w.contiguousCopy()).toFloatArray(), F.embedding(idx, w).toFloatArray());
    }

    @Test
    void errors() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> F.embedding(Tensor.ofLongs(new long[] {0, 4}, 2), table()));
        assertEquals("embedding: index 4 at position 1 is out of range for weight with 4 rows (indices [2], weight"
                + " [4, 2])", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> F.embedding(Tensor.ofLongs(new long[] {-1}, 1), table()));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> F.embedding(Tensor.of(new float[] {1}, 1), table()));
        assertEquals("embedding: indices must be int64, got float32 of shape [1]", a.getMessage());
        a = assertThrows(IllegalArgumentException.class,
                () -> F.embedding(Tensor.ofLongs(new long[] {1}, 1), table(), 4));
        assertEquals("embedding: padding_idx 4 must be within num_embeddings 4 (weight [4, 2])", a.getMessage());
    }
}
