package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.nn.functional.F;
import org.junit.jupiter.api.Test;

/**
 * The generator against what torch 1.13 drew (CPU, AVX2 kernels) for the same seeds and shapes: the
 * expected values come from tools/torch_rng_reference.py, run with torch, and are compared bit for bit.
 */
class TorchRngTest {
    /** Exact float equality (bit patterns), reporting the first difference and how many differ. */
    static void assertSameFloats(String name, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, name + ": length");
        int bad = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            fail(name + ": " + bad + " of " + expected.length + " values differ from torch's, first at " + first
                    + ": torch " + expected[first] + ", nabla " + actual[first]);
        }
    }

    static void assertTorch(String name, Tensor actual) {
        assertSameFloats(name, TorchRngReference.floats(name), actual.toFloatArray());
    }

    private static long[] longs(Tensor t) {
        return t.toLongArray();
    }

    @Test
    void random64MatchesTorchIncludingSeedsBeyond32BitsAndNegative() {
        for (long seed : new long[] {0, 1, 42, (1L << 40) + 7, -3}) {
            Generator g = new Generator(seed);
            long[] got = new long[6];
            for (int i = 0; i < 6; i++) {
                got[i] = g.nextLong() & Long.MAX_VALUE; // int64 random_() is random64() % 2^63
            }
            assertArrayEquals(TorchRngReference.longs("random64.seed" + seed), got, "seed " + seed);
        }
    }

    @Test
    void randMatchesTorch() {
        for (long seed : new long[] {0, 1, 123456789}) {
            assertTorch("rand.seed" + seed + ".n37", Tensor.rand(new Generator(seed), 37));
        }
        Tensor r = Tensor.rand(new Generator(0), 2, 3, 4);
        assertArrayEquals(new int[] {2, 3, 4}, r.shape());
        assertTorch("rand.seed0.2x3x4", r);
    }

    @Test
    void uniformFillMatchesTorch() {
        float[] v = new float[300];
        new Generator(5).fillUniform(v, 0, 300, -0.3, 0.7);
        assertSameFloats("uniform.seed5.m0.3.0.7.n300", TorchRngReference.floats("uniform.seed5.m0.3.0.7.n300"), v);
        float[] w = new float[52];
        new Generator(5).fillUniform(w, 2, 50, -1e-3, 2.5);
        assertEquals(0f, w[0]);
        assertSameFloats("uniform.seed5.m1e-3.2.5.n50", TorchRngReference.floats("uniform.seed5.m1e-3.2.5.n50"),
                java.util.Arrays.copyOfRange(w, 2, 52));
    }

    @Test
    void randnMatchesTorchOnBothPathsAndRaggedTails() {
        for (int n : new int[] {1, 2, 5, 15, 16, 17, 31, 32, 33, 100, 1000}) {
            assertTorch("randn.seed0.n" + n, Tensor.randn(new Generator(0), n));
        }
        assertTorch("randn.seed7.n20000", Tensor.randn(new Generator(7), 20000));
    }

    @Test
    void randnCarriesTheCachedNormalFromCallToCall() {
        Generator g = new Generator(3);
        assertTorch("randn.seed3.seq.a5", Tensor.randn(g, 5));
        assertTorch("randn.seed3.seq.b3", Tensor.randn(g, 3));
        assertTorch("randn.seed3.seq.c40", Tensor.randn(g, 40));
        assertTorch("randn.seed3.seq.d1", Tensor.randn(g, 1));
    }

    @Test
    void normalFillWithMeanAndStdMatchesTorch() {
        for (String name : new String[] {"normal.seed9.m2.s0.5.n10", "normal.seed9.m2.s0.5.n100"}) {
            float[] expected = TorchRngReference.floats(name);
            float[] v = new float[expected.length];
            new Generator(9).fillNormal(v, 0, v.length, 2.0, 0.5);
            assertSameFloats(name, expected, v);
        }
        float[] v = new float[50];
        new Generator(9).fillNormal(v, 0, 50, -0.1, 3.0);
        assertSameFloats("normal.seed9.m-0.1.s3.n50", TorchRngReference.floats("normal.seed9.m-0.1.s3.n50"), v);
    }

    @Test
    void randintMatchesTorch() {
        assertArrayEquals(TorchRngReference.longs("randint.seed0.0.10.n100"),
                longs(Tensor.randint(0, 10, new Generator(0), 100)));
        assertArrayEquals(TorchRngReference.longs("randint.seed0.m5.1000003.n50"),
                longs(Tensor.randint(-5, 1000003, new Generator(0), 50)));
        assertArrayEquals(TorchRngReference.longs("randint.seed0.0.2p40.n20"),
                longs(Tensor.randint(0, 1L << 40, new Generator(0), 20)));
        assertArrayEquals(TorchRngReference.longs("randint.seed1.3.4.n5"),
                longs(Tensor.randint(3, 4, new Generator(1), 5)));
    }

    @Test
    void randpermMatchesTorch() {
        for (int n : new int[] {1, 2, 10, 1000}) {
            int[] p = new Generator(0).permutation(n);
            long[] got = new long[n];
            for (int i = 0; i < n; i++) {
                got[i] = p[i];
            }
            assertArrayEquals(TorchRngReference.longs("randperm.seed0.n" + n), got, "n=" + n);
        }
        Generator g = new Generator(0);
        int[] p = g.permutation(60000);
        long[] head = new long[200];
        long[] tail = new long[200];
        for (int i = 0; i < 200; i++) {
            head[i] = p[i];
            tail[i] = p[59800 + i];
        }
        assertArrayEquals(TorchRngReference.longs("randperm.seed0.n60000.head"), head);
        assertArrayEquals(TorchRngReference.longs("randperm.seed0.n60000.tail"), tail);
        int[] second = g.permutation(60000);
        for (int i = 0; i < 200; i++) {
            head[i] = second[i];
        }
        assertArrayEquals(TorchRngReference.longs("randperm.seed0.n60000.second.head"), head);
        assertEquals(60000, Tensor.randperm(60000, new Generator(0)).numel());
    }

    @Test
    void bernoulliAndDropoutMasksMatchTorch() {
        Generator g = new Generator(0);
        float[] b = new float[200];
        for (int i = 0; i < b.length; i++) {
            b[i] = g.nextDouble() < 0.3 ? 1f : 0f;
        }
        assertSameFloats("bernoulli.seed0.p0.3.n200", TorchRngReference.floats("bernoulli.seed0.p0.3.n200"), b);

        assertTorch("dropout.seed11.p0.2.n300", F.dropout(Tensor.ones(300), 0.2, true, new Generator(11)));
        Tensor x = Tensor.arange(60).mul(0.125);
        assertTorch("dropout.seed11.p0.3.x", F.dropout(x, 0.3, true, new Generator(11)));
        assertTorch("dropout2d.seed12.p0.4.4x6x2x2",
                F.dropout2d(Tensor.ones(4, 6, 2, 2), 0.4, true, new Generator(12)));
    }

    @Test
    void stateRoundTripResumesTheStreamExactlyWithACachedNormal() {
        Generator g = new Generator(21);
        Tensor.randn(g, 3); // leaves a cached normal
        for (int i = 0; i < 700; i++) {
            g.nextInt32(); // crosses a twist
        }
        long[] state = g.getState();
        assertEquals(Generator.STATE_LENGTH, state.length);
        double cachedNext = g.nextGaussian();
        float[] after = Tensor.randn(g, 40).toFloatArray();
        Generator h = new Generator(999);
        h.setState(state);
        assertEquals(cachedNext, h.nextGaussian());
        assertSameFloats("resumed", after, Tensor.randn(h, 40).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> h.setState(new long[3]));
    }

    @Test
    void manualSeedResetsTheCachedNormal() {
        Generator g = new Generator(3);
        Tensor.randn(g, 5); // odd count: one normal cached
        g.manualSeed(3);
        assertTorch("randn.seed3.seq.a5", Tensor.randn(g, 5));
    }
}
