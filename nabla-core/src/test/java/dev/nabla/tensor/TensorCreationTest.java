package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorCreationTest {
    @Test
    void factoriesFillAsTorch() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(2, 3).toFloatArray());
        assertArrayEquals(new float[] {7, 7}, Tensor.full(7f, 2).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toFloatArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5).toFloatArray());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, Tensor.eye(2, 3).toFloatArray());
        assertEquals(0, Tensor.zeros(0, 3).numel());
        assertEquals(0, Tensor.scalar(3f).dim());
        assertEquals(3f, Tensor.scalar(3f).item());
    }

    @Test
    void seededRandomIsReproducibleAndInRange() {
        Tensor a = Tensor.rand(new Generator(7), 1000);
        Tensor b = Tensor.rand(new Generator(7), 1000);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        for (float v : a.toFloatArray()) {
            assertTrue(v >= 0 && v < 1);
        }
        float[] n = Tensor.randn(new Generator(1), 20000).toFloatArray();
        double mean = 0;
        double sq = 0;
        for (float v : n) {
            mean += v;
            sq += v * v;
        }
        mean /= n.length;
        assertEquals(0, mean, 0.03);
        assertEquals(1, Math.sqrt(sq / n.length - mean * mean), 0.03);
        long[] r = Tensor.randint(3, 6, new Generator(2), 500).toLongArray();
        boolean[] seen = new boolean[3];
        for (long v : r) {
            assertTrue(v >= 3 && v < 6);
            seen[(int) v - 3] = true;
        }
        assertTrue(seen[0] && seen[1] && seen[2]);
        assertEquals(DType.INT64, Tensor.randint(0, 2, new Generator(0), 3).dtype());
    }

    @Test
    void generatorStateRoundTrips() {
        Generator g = new Generator(5);
        g.nextGaussian();
        long[] state = g.getState();
        double next = g.nextGaussian();
        Generator h = new Generator(0);
        h.setState(state);
        assertEquals(next, h.nextGaussian());
    }

    @Test
    void javaArraysInAndOut() {
        Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new int[] {2, 2}, t.shape());
        assertEquals(3f, t.getFloat(1, 0));
        assertArrayEquals(new long[] {1, 2, 3, 4}, t.toLongArray());
        Tensor l = Tensor.ofLongs(new long[] {5, 6}, 2);
        assertArrayEquals(new float[] {5, 6}, l.toFloatArray());
        Tensor b = Tensor.ofBools(new boolean[] {true, false}, 2);
        assertArrayEquals(new boolean[] {true, false}, b.toBoolArray());
    }

    @Test
    void badShapesAreRejectedWithTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).item());
        assertTrue(e.getMessage().contains("6 elements"), e.getMessage());
    }

    @Test
    void printsLikeTorch() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([0.5000, 1.2500])", Tensor.of(new float[] {0.5f, 1.25f}, 2).toString());
        assertEquals("tensor(3.)", Tensor.scalar(3f).toString());
        assertEquals("tensor([1, 2])", Tensor.ofLongs(new long[] {1, 2}, 2).toString());
        assertEquals("tensor([ True, False])", Tensor.ofBools(new boolean[] {true, false}, 2).toString());
        assertEquals("tensor([1.], requires_grad=True)", Tensor.ones(1).requiresGrad(true).toString());
        String big = Tensor.arange(2000).toString();
        assertTrue(big.startsWith("tensor([   0.,    1.,    2.,  ..., 1997., 1998., 1999.])"), big);
        assertTrue(Tensor.ones(1).requiresGrad(true).mul(2.0).toString().contains("grad_fn=<MulScalarBackward>"));
    }
}
