package dev.nabla.optim;

import dev.nabla.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The plain Adam / AdamW element loop (no amsgrad, no L2 term) on the Vector API, split over the
 * kernel threads for large parameters. It performs exactly the scalar loop's float operations in the
 * same order (no FMA contraction), so results are bit-identical to {@link AdamUpdate}'s scalar path.
 * Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class AdamVectorLoop {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Below this many elements a second thread costs more than it saves. */
    private static final int GRAIN = 1 << 15;

    private AdamVectorLoop() {
    }

    /** The coefficients of one step; {@code lowWeight} selects lerp's formula for w1 = 1 - beta1. */
    record Coeffs(float sign, float decay, float w1, boolean lowWeight, float b2, float w2, float negStepSize,
                  float bc2Sqrt, float eps) {
    }

    static void apply(float[] p, int pOff, float[] g, int gOff, float[] m, float[] v, int n, Coeffs c) {
        Parallel.forRange(n, GRAIN, (lo, hi) -> range(p, pOff, g, gOff, m, v, lo, hi, c));
    }

    private static void range(float[] p, int pOff, float[] g, int gOff, float[] m, float[] v, int lo, int hi,
                              Coeffs c) {
        float sign = c.sign();
        float decay = c.decay();
        float w1 = c.w1();
        float oneMinusW1 = 1f - w1;
        boolean low = c.lowWeight();
        float b2 = c.b2();
        float w2 = c.w2();
        float neg = c.negStepSize();
        float bc2 = c.bc2Sqrt();
        float eps = c.eps();
        int i = lo;
        int bound = lo + S.loopBound(hi - lo);
        for (; i < bound; i += S.length()) {
            FloatVector gi = FloatVector.fromArray(S, g, gOff + i).mul(sign);
            FloatVector pi = FloatVector.fromArray(S, p, pOff + i).mul(decay);
            FloatVector mOld = FloatVector.fromArray(S, m, i);
            FloatVector diff = gi.sub(mOld);
            FloatVector mi = low ? mOld.add(diff.mul(w1)) : gi.sub(diff.mul(oneMinusW1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(b2).add(gi.mul(w2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(bc2).add(eps);
            pi.add(mi.div(denom).mul(neg)).intoArray(p, pOff + i);
        }
        for (; i < hi; i++) {
            float gi = sign * g[gOff + i];
            float pi = p[pOff + i] * decay;
            float mi = AdamUpdate.lerp(m[i], gi, w1);
            float vi = v[i] * b2 + w2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2 + eps;
            p[pOff + i] = pi + neg * (mi / denom);
        }
    }
}
