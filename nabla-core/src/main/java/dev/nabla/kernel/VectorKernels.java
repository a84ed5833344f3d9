package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels: the fast path, tested equal to {@link ScalarKernels}.
 *
 * <p>The vector width is {@link FloatVector#SPECIES_PREFERRED}, chosen by the JVM for the CPU it runs on
 * (16 floats with AVX-512, 8 with AVX2). Cheap elementwise ops are vectorised and give bit-identical
 * results to the scalar kernels (same operations in the same order, no fused multiply-add). EXP, TANH,
 * SIGMOID and SILU use the Vector API's float exp/tanh (within 1 ulp), so they may differ from the
 * double-based scalar reference by up to 2 ulp (tested), at about 15x the speed; the other transcendental
 * ops use the scalar reference per element.
 * Element counts of at least {@link #GRAIN} per thread are split across {@link Parallel}'s pool.
 * Sums and dots accumulate blocks in float vectors and the block sums in double, so long reductions stay
 * as accurate as the scalar double sum up to float rounding of each block.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per thread below which elementwise ops stay on one thread (memory-bound work). */
    static final int GRAIN = 1 << 15;
    /** Elements per thread for ops that cost a transcendental call per element. */
    static final int GRAIN_SLOW = 1 << 12;
    /** Elements per thread for vectorised transcendental ops (about 0.5-3 ns per element). */
    static final int GRAIN_TRANSCENDENTAL = 1 << 13;
    /** Block length of the float-vector partial sums before they are added in double. */
    private static final int SUM_BLOCK = 1 << 10;

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /** Vector width in bits, for logs. */
    public static int vectorBits() {
        return S.vectorBitSize();
    }

    private static boolean vectorised(UnaryOp op) {
        return switch (op) {
            case ADD_SCALAR, MUL_SCALAR, RELU, NEG, SQUARE, ABS, RSUB_SCALAR, LEAKY_RELU, CLAMP -> true;
            default -> false;
        };
    }

    /** Ops vectorised with the Vector API's exp/tanh: accurate to about 2 ulp rather than bit-identical. */
    static boolean approximate(UnaryOp op) {
        return switch (op) {
            case EXP, TANH, SIGMOID, SILU -> true;
            default -> false;
        };
    }

    @Override
    public void unary(UnaryOp op, float a, float b, float[] x, int xOff, float[] y, int yOff, int n) {
        int grain = vectorised(op) ? GRAIN : approximate(op) ? GRAIN_TRANSCENDENTAL : GRAIN_SLOW;
        if (Parallel.chunks(n, grain) <= 1) {
            unaryRange(op, a, b, x, xOff, y, yOff, n);
        } else {
            Parallel.forRange(n, grain, (lo, hi) -> unaryRange(op, a, b, x, xOff + lo, y, yOff + lo, hi - lo));
        }
    }

    private static void unaryRange(UnaryOp op, float a, float b, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD_SCALAR -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).add(a).intoArray(y, yOff + i);
                }
            }
            case MUL_SCALAR -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).mul(a).intoArray(y, yOff + i);
                }
            }
            case RSUB_SCALAR -> {
                FloatVector av = FloatVector.broadcast(S, a);
                for (; i < bound; i += L) {
                    av.sub(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
                }
            }
            case RELU -> {
                // x > 0 ? x : 0, keeping NaN: zero exactly the lanes that are <= 0 (NaN compares false).
                FloatVector zero = FloatVector.zero(S);
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    v.blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    VectorMask<Float> pos = v.compare(VectorOperators.GT, 0f);
                    v.mul(a).blend(v, pos).intoArray(y, yOff + i);
                }
            }
            case NEG -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).neg().intoArray(y, yOff + i);
                }
            }
            case ABS -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).abs().intoArray(y, yOff + i);
                }
            }
            case SQUARE -> {
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    v.mul(v).intoArray(y, yOff + i);
                }
            }
            case CLAMP -> {
                // min(max(x, a), b) with NaN kept: Math.max/min semantics propagate NaN like the scalar.
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).max(a).min(b).intoArray(y, yOff + i);
                }
            }
            case EXP -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(y, yOff + i);
                }
            }
            case TANH -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
                }
            }
            case SIGMOID -> {
                // 1 / (1 + exp(-x)): exp overflows to inf for x < -88, giving exactly 0 (the scalar gives a
                // denormal there), and underflows to 0 for x > 88, giving exactly 1.
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    one.div(one.add(v.neg().lanewise(VectorOperators.EXP))).intoArray(y, yOff + i);
                }
            }
            case SILU -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, xOff + i);
                    v.div(one.add(v.neg().lanewise(VectorOperators.EXP))).intoArray(y, yOff + i);
                }
            }
            default -> {
            }
        }
        for (; i < n; i++) {
            y[yOff + i] = op.apply(x[xOff + i], a, b);
        }
    }

    private static boolean vectorised(BinaryOp op) {
        return op != BinaryOp.POW;
    }

    @Override
    public void binary(BinaryOp op, float a, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride,
                       float[] out, int oOff, int n) {
        boolean vec = vectorised(op) && (xStride == 1 || xStride == 0) && (yStride == 1 || yStride == 0)
                && !(xStride == 0 && yStride == 0);
        int grain = vec ? GRAIN : GRAIN_SLOW;
        if (Parallel.chunks(n, grain) <= 1) {
            binaryRange(op, vec, a, x, xOff, xStride, y, yOff, yStride, out, oOff, n);
        } else {
            Parallel.forRange(n, grain, (lo, hi) -> binaryRange(op, vec, a, x, xOff + lo * xStride, xStride,
                    y, yOff + lo * yStride, yStride, out, oOff + lo, hi - lo));
        }
    }

    private static FloatVector load(float[] arr, int off, int i, boolean bcast, FloatVector bc) {
        return bcast ? bc : FloatVector.fromArray(S, arr, off + i);
    }

    private static void binaryRange(BinaryOp op, boolean vec, float a, float[] x, int xOff, int xStride,
                                    float[] y, int yOff, int yStride, float[] out, int oOff, int n) {
        int i = 0;
        if (vec) {
            boolean xb = xStride == 0;
            boolean yb = yStride == 0;
            // Never null: a phi of a null and a vector in C2-compiled code once crashed the JVM (SIGSEGV here).
            FloatVector xc = xb ? FloatVector.broadcast(S, x[xOff]) : FloatVector.zero(S);
            FloatVector yc = yb ? FloatVector.broadcast(S, y[yOff]) : FloatVector.zero(S);
            int bound = S.loopBound(n);
            FloatVector one = FloatVector.broadcast(S, 1f);
            // Each case computes exactly what BinaryOp.apply computes, in the same order, so results match bit for bit.
            switch (op) {
                case ADD -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).add(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case SUB -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).sub(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case MUL -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).mul(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case DIV -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).div(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case MAX -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).max(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case MIN -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).min(load(y, yOff, i, yb, yc)).intoArray(out, oOff + i);
                    }
                }
                case ADD_SCALED -> {
                    for (; i < bound; i += L) {
                        load(x, xOff, i, xb, xc).add(load(y, yOff, i, yb, yc).mul(a)).intoArray(out, oOff + i);
                    }
                }
                case RELU_BACKWARD -> {
                    FloatVector zero = FloatVector.zero(S);
                    for (; i < bound; i += L) {
                        FloatVector yv = load(y, yOff, i, yb, yc);
                        zero.blend(load(x, xOff, i, xb, xc), yv.compare(VectorOperators.GT, 0f)).intoArray(out, oOff + i);
                    }
                }
                case LEAKY_RELU_BACKWARD -> {
                    for (; i < bound; i += L) {
                        FloatVector xv = load(x, xOff, i, xb, xc);
                        FloatVector yv = load(y, yOff, i, yb, yc);
                        xv.mul(a).blend(xv, yv.compare(VectorOperators.GT, 0f)).intoArray(out, oOff + i);
                    }
                }
                case SIGMOID_BACKWARD -> {
                    for (; i < bound; i += L) {
                        FloatVector yv = load(y, yOff, i, yb, yc);
                        load(x, xOff, i, xb, xc).mul(yv).mul(one.sub(yv)).intoArray(out, oOff + i);
                    }
                }
                case TANH_BACKWARD -> {
                    for (; i < bound; i += L) {
                        FloatVector yv = load(y, yOff, i, yb, yc);
                        load(x, xOff, i, xb, xc).mul(one.sub(yv.mul(yv))).intoArray(out, oOff + i);
                    }
                }
                default -> {
                }
            }
        }
        for (; i < n; i++) {
            out[oOff + i] = op.apply(x[xOff + i * xStride], y[yOff + i * yStride], a);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        int chunks = Parallel.chunks(n, GRAIN);
        if (chunks <= 1) {
            return (float) sumRange(x, off, n);
        }
        double[] partial = new double[chunks];
        Parallel.team(chunks, (id, members) -> {
            int lo = (int) ((long) n * id / members);
            int hi = (int) ((long) n * (id + 1) / members);
            partial[id] = sumRange(x, off + lo, hi - lo);
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return (float) s;
    }

    private static double sumRange(float[] x, int off, int n) {
        double total = 0;
        int i = 0;
        while (i + SUM_BLOCK <= n) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            int end = i + SUM_BLOCK;
            for (; i < end; i += 2 * L) {
                s0 = s0.add(FloatVector.fromArray(S, x, off + i));
                s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
            }
            total += LaneSum.sum(s0.add(s1));
        }
        for (; i < n; i++) {
            total += x[off + i];
        }
        return total;
    }

    /**
     * One pass with the Vector API's exp (an SVML stub with AVX2 and AVX-512): the scalar loop's Math.exp
     * per element was 9 % of the transformer bench step (softmax over 64-long attention rows, emulated AVX2).
     * Sums vector lanes, then adds them in double, so the total can differ from the scalar loop in its last bits.
     */
    @Override
    public float expShiftSum(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        double s = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; ) {
            // float lanes over at most SUM_BLOCK values, then into the double total, as sum() does
            FloatVector acc = FloatVector.zero(S);
            for (int end = Math.min(bound, i + SUM_BLOCK); i < end; i += L) {
                FloatVector e = FloatVector.fromArray(S, x, xOff + i).sub(shift).lanewise(VectorOperators.EXP);
                e.intoArray(y, yOff + i);
                acc = acc.add(e);
            }
            s += LaneSum.sum(acc);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[xOff + i] - shift);
            y[yOff + i] = e;
            s += e;
        }
        return (float) s;
    }

    @Override
    public float max(float[] x, int off, int n) {
        int chunks = Parallel.chunks(n, GRAIN);
        if (chunks <= 1) {
            return maxRange(x, off, n);
        }
        float[] partial = new float[chunks];
        Parallel.team(chunks, (id, members) -> {
            int lo = (int) ((long) n * id / members);
            int hi = (int) ((long) n * (id + 1) / members);
            partial[id] = maxRange(x, off + lo, hi - lo);
        });
        float m = Float.NEGATIVE_INFINITY;
        for (float p : partial) {
            if (p != p) {
                return Float.NaN;
            }
            m = Math.max(m, p);
        }
        return m;
    }

    private static float maxRange(float[] x, int off, int n) {
        // Vector MAX follows Math.max: a NaN lane stays NaN, so the reduction is NaN if any input is.
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; i < bound; i += L) {
            mv = mv.max(FloatVector.fromArray(S, x, off + i));
        }
        float m = mv.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return Float.NaN;
            }
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int chunks = Parallel.chunks(n, GRAIN);
        if (chunks <= 1) {
            return (float) dotRange(x, xOff, y, yOff, n);
        }
        double[] partial = new double[chunks];
        Parallel.team(chunks, (id, members) -> {
            int lo = (int) ((long) n * id / members);
            int hi = (int) ((long) n * (id + 1) / members);
            partial[id] = dotRange(x, xOff + lo, y, yOff + lo, hi - lo);
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return (float) s;
    }

    private static double dotRange(float[] x, int xOff, float[] y, int yOff, int n) {
        double total = 0;
        int i = 0;
        while (i + SUM_BLOCK <= n) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            int end = i + SUM_BLOCK;
            for (; i < end; i += 2 * L) {
                s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
                s1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), s1);
            }
            total += LaneSum.sum(s0.add(s1));
        }
        for (; i < n; i++) {
            total += (double) x[xOff + i] * y[yOff + i];
        }
        return total;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        if (Parallel.chunks(n, GRAIN) <= 1) {
            axpyRange(n, alpha, x, xOff, y, yOff);
        } else {
            Parallel.forRange(n, GRAIN, (lo, hi) -> axpyRange(hi - lo, alpha, x, xOff + lo, y, yOff + lo));
        }
    }

    private static void axpyRange(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        int bound = S.loopBound(n);
        // alpha*x then add (not fma) so results equal the scalar kernel's bit for bit.
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).add(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        VectorGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
