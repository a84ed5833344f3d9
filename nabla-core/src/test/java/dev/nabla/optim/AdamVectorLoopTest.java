package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorized, threaded Adam loop must match the scalar loop bit for bit, tails and offsets included. */
class AdamVectorLoopTest {
    @Test
    void matchesScalarLoopBitForBit() {
        for (int n : new int[] {1, 7, 33, 1000, 100_003}) {
            for (float w1 : new float[] {0.1f, 0.75f}) {
                for (float decay : new float[] {1f, 0.999f}) {
                    check(n, w1, decay, n % 2 == 0 ? 1f : -1f);
                }
            }
        }
    }

    private static void check(int n, float w1, float decay, float sign) {
        Random r = new Random(n);
        int pOff = 3;
        int gOff = 5;
        float[] p = new float[n + pOff];
        float[] g = new float[n + gOff];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian() * (i % 11 == 0 ? 0f : 1f);
        }
        for (int i = 0; i < n; i++) {
            m[i] = (float) r.nextGaussian() * 0.1f;
            v[i] = r.nextFloat() * 0.01f;
        }
        float b2 = 0.999f;
        float w2 = (float) (1 - 0.999);
        float neg = -1e-3f / 0.1f;
        float bc2 = (float) Math.sqrt(1 - 0.999);
        float eps = 1e-8f;
        float[] p2 = p.clone();
        float[] m2 = m.clone();
        float[] v2 = v.clone();
        for (int i = 0; i < n; i++) {
            float gi = sign * g[gOff + i];
            float pi = p2[pOff + i] * decay;
            float mi = AdamUpdate.lerp(m2[i], gi, w1);
            float vi = v2[i] * b2 + w2 * gi * gi;
            m2[i] = mi;
            v2[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2 + eps;
            p2[pOff + i] = pi + neg * (mi / denom);
        }
        AdamVectorLoop.apply(p, pOff, g, gOff, m, v, n,
                new AdamVectorLoop.Coeffs(sign, decay, w1, Math.abs(w1) < 0.5f, b2, w2, neg, bc2, eps));
        assertArrayEquals(p2, p, "params, n=" + n);
        assertArrayEquals(m2, m, "exp_avg, n=" + n);
        assertArrayEquals(v2, v, "exp_avg_sq, n=" + n);
    }
}
