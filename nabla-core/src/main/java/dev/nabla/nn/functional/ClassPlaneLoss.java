package dev.nabla.nn.functional;

import dev.nabla.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * cross_entropy with class-index targets over an (N, C, S) input (S = d1 * d2 * ..., e.g. per-pixel
 * segmentation logits), computed in place in that layout: a vector holds the scores of L consecutive
 * positions for one class, so the log-sum-exp over C classes is C vector steps per L positions, with
 * the Vector API's float exp and log. {@link ClassIndexLoss}'s row path would first copy the input to
 * (N, S, C) rows, take C scalar double exps per row, and return a permuted gradient that the layer
 * below copies again; this path reads the input where it is and writes the gradient contiguous.
 *
 * <p>Same formulas and the same order of terms as the row path, in float arithmetic with the vector
 * exp/log (within about 2 ulp) instead of double: results agree to float rounding.
 */
final class ClassPlaneLoss {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Positions per parallel task: C planes of this many floats stay in L2. */
    private static final int BLOCK = 1024;

    private ClassPlaneLoss() {
    }

    /**
     * Forward: lse[r] = log sum_j exp(x[n, j, s]) for every row r = n * S + s, and perRow[r] = the row's
     * loss ((1 - eps) * weighted NLL of the target + eps / C * (-sum_j w_j log p_j)); ignored rows get 0.
     *
     * @param x  (N, C, S) scores, contiguous
     * @param w  class weights (C) or null
     */
    static void forward(float[] x, int n, int c, int s, long[] tgt, int ignoreIndex, float[] w, double eps,
                        float[] lse, float[] perRow) {
        forEachBlock(n, c, s, (ni, s0, s1, plane0) -> {
            for (int si = s0; si < s1; si += L) {
                VectorMask<Float> m = S.indexInRange(si, s1);
                int base = plane0 + si;
                FloatVector mx = FloatVector.fromArray(S, x, base, m);
                for (int j = 1; j < c; j++) {
                    mx = mx.max(FloatVector.fromArray(S, x, base + j * s, m));
                }
                FloatVector sum = FloatVector.zero(S);
                for (int j = 0; j < c; j++) {
                    sum = sum.add(FloatVector.fromArray(S, x, base + j * s, m).sub(mx).lanewise(VectorOperators.EXP));
                }
                FloatVector l = mx.add(sum.lanewise(VectorOperators.LOG));
                int r0 = ni * s + si;
                l.intoArray(lse, r0, m);
                if (eps != 0) {
                    // -sum_j w_j (x_j - lse), parked in perRow until the row's NLL is added below
                    FloatVector sm = FloatVector.zero(S);
                    for (int j = 0; j < c; j++) {
                        FloatVector lp = FloatVector.fromArray(S, x, base + j * s, m).sub(l);
                        sm = w == null ? sm.sub(lp) : sm.sub(lp.mul(w[j]));
                    }
                    sm.intoArray(perRow, r0, m);
                }
                int lanes = Math.min(L, s1 - si);
                for (int q = 0; q < lanes; q++) {
                    int r = r0 + q;
                    long t = tgt[r];
                    if (t == ignoreIndex) {
                        perRow[r] = 0f;
                        continue;
                    }
                    double wt = w == null ? 1.0 : w[(int) t];
                    double nll = -((double) x[base + (int) t * s + q] - lse[r]) * wt;
                    double loss = (1 - eps) * nll;
                    if (eps != 0) {
                        loss += eps / c * perRow[r];
                    }
                    perRow[r] = (float) loss;
                }
            }
        });
    }

    /**
     * Backward: dx (N, C, S) = gr * ((1 - eps) * w_t * (softmax - onehot(t)) + eps / C * (softmax * wSum - w)),
     * with gr = scale * (gv[r] when perRowGrad, else gv[0]); ignored rows get 0.
     */
    static void backward(float[] x, int n, int c, int s, long[] tgt, int ignoreIndex, float[] w, double wSum,
                         double eps, float[] lse, float[] gv, boolean perRowGrad, double scale, float[] dx) {
        forEachBlock(n, c, s, (ni, s0, s1, plane0) -> {
            float[] ab = new float[2 * L];   // per-lane a = gr (1 - eps) w_t and b = gr eps / C
            for (int si = s0; si < s1; si += L) {
                VectorMask<Float> m = S.indexInRange(si, s1);
                int base = plane0 + si;
                int r0 = ni * s + si;
                int lanes = Math.min(L, s1 - si);
                boolean anyIgnored = false;
                for (int q = 0; q < L; q++) {
                    long t = q < lanes ? tgt[r0 + q] : ignoreIndex;
                    if (t == ignoreIndex) {
                        ab[q] = 0f;
                        ab[L + q] = 0f;
                        anyIgnored |= q < lanes;
                        continue;
                    }
                    double gr = (perRowGrad ? gv[r0 + q] : gv[0]) * scale;
                    ab[q] = (float) (gr * (1 - eps) * (w == null ? 1.0 : w[(int) t]));
                    ab[L + q] = (float) (gr * eps / c);
                }
                FloatVector a = FloatVector.fromArray(S, ab, 0);
                FloatVector l = FloatVector.fromArray(S, lse, r0, m);
                if (eps == 0) {
                    for (int j = 0; j < c; j++) {
                        int at = base + j * s;
                        FloatVector p = FloatVector.fromArray(S, x, at, m).sub(l).lanewise(VectorOperators.EXP);
                        a.mul(p).intoArray(dx, at, m);
                    }
                } else {
                    FloatVector b = FloatVector.fromArray(S, ab, L);
                    float ws = (float) wSum;
                    for (int j = 0; j < c; j++) {
                        int at = base + j * s;
                        FloatVector p = FloatVector.fromArray(S, x, at, m).sub(l).lanewise(VectorOperators.EXP);
                        float wj = w == null ? 1f : w[j];
                        a.mul(p).add(b.mul(p.mul(ws).sub(wj))).intoArray(dx, at, m);
                    }
                }
                for (int q = 0; q < lanes; q++) {
                    long t = tgt[r0 + q];
                    if (t != ignoreIndex) {
                        dx[base + (int) t * s + q] -= ab[q];
                    } else if (anyIgnored) {
                        // exactly 0 even where the scores are inf or NaN (0 * NaN would not be)
                        for (int j = 0; j < c; j++) {
                            dx[base + j * s + q] = 0f;
                        }
                    }
                }
            }
        });
    }

    /** One task's share: image ni, positions [s0, s1) of its planes, which start at plane0. */
    private interface BlockTask {
        void run(int ni, int s0, int s1, int plane0);
    }

    /** Runs body over every image's positions in blocks of BLOCK, as parallel tasks. */
    private static void forEachBlock(int n, int c, int s, BlockTask body) {
        int blocks = (s + BLOCK - 1) / BLOCK;
        Parallel.forTasks(n * blocks, threadsFor((long) n * c * s), task -> {
            int ni = task / blocks;
            int s0 = task % blocks * BLOCK;
            body.run(ni, s0, Math.min(s, s0 + BLOCK), ni * c * s);
        });
    }

    /** Threads worth using: one per 32K scores, at most the pool's. */
    private static int threadsFor(long work) {
        return (int) Math.max(1, Math.min(Parallel.threads(), work >> 15));
    }
}
