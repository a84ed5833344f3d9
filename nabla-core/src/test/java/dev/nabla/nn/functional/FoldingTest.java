package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FoldingTest {
    private final Generator gen = new Generator(21);

    @Test
    void handComputedUnfoldAndFold() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor u = F.unfold(x, new int[] {2}, null, null, null);
        assertArrayEquals(new int[] {1, 4, 4}, u.shape());
        // row (ki, kj) lists what that tap sees at the 4 positions
        assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, u.toFloatArray());
        // folding the blocks back counts how many blocks cover each pixel
        Tensor f = F.fold(Tensor.ones(1, 4, 4), new int[] {3}, new int[] {2}, null, null, null);
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, f.toFloatArray());
    }

    @Test
    void unfoldTimesWeightIsConv2d() {
        Tensor x = Tensor.randn(gen, 2, 3, 6, 5);
        Tensor w = Tensor.randn(gen, 4, 3, 3, 2);
        int[] s = {2, 1}, p = {1, 1}, d = {1, 2};
        Tensor conv = F.conv2d(x, w, null, s, p, d, 1);
        Tensor cols = F.unfold(x, new int[] {3, 2}, d, p, s);                   // (N, 18, L)
        Tensor viaCols = w.reshape(4, 18).matmul(cols).reshape(conv.shape());  // (N, 4, L)
        assertArrayEquals(conv.toFloatArray(), viaCols.toFloatArray(), 1e-4f);
    }

    @Test
    void gradients() {
        GradCheck.check(in -> F.unfold(in[0], new int[] {2, 3}, new int[] {1, 2}, new int[] {1}, new int[] {2, 1}),
                Tensor.randn(gen, 2, 2, 5, 6).requiresGrad(true));
        GradCheck.check(in -> F.fold(in[0], new int[] {4, 5}, new int[] {2}, null, new int[] {1}, new int[] {2}),
                Tensor.randn(gen, 1, 8, 9).requiresGrad(true));
        // unbatched forms
        assertArrayEquals(new int[] {4, 4}, F.unfold(Tensor.zeros(1, 3, 3), new int[] {2}, null, null, null).shape());
    }

    @Test
    void errors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.fold(Tensor.zeros(1, 5, 4), new int[] {3}, new int[] {2}, null, null, null));
        assertTrue(e.getMessage().startsWith("fold: expected size of input's dimension 1 (5) to be divisible"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.fold(Tensor.zeros(1, 4, 5), new int[] {3}, new int[] {2}, null, null, null));
        assertEquals("fold: expected input's dimension 2 to match the number of blocks 4 (2 x 2) for output_size"
                + " [3, 3], got input [1, 4, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.unfold(Tensor.zeros(1, 1, 2, 2), new int[] {3}, null, null, null));
        assertTrue(e.getMessage().startsWith("unfold: kernel_size [3, 3]"), e.getMessage());
    }
}
