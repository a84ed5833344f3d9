package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM micro-kernels: C[MR x NV*L] (+)= sum over p of Apacked[p][r] * Bpacked[p][v*L..].
 *
 * <p>Each kernel keeps MR x NV accumulators in vector registers for the whole k loop; the shape must fit
 * the register file (accumulators + NV B vectors + 1 broadcast), or C2 spills an accumulator to the
 * stack and speed halves (cpu-kernels.md section 5, step 7). With 16 ymm registers (AVX2) 4x2 and 3x3
 * fit; with 32 zmm registers (AVX-512) 8x2 up to 14x2 fit. L is the preferred vector length, chosen
 * by the JVM at run time.
 *
 * <p>Packed layouts: A sliver at {@code ao}: element (r, p) at {@code ao + p*MR + r}; B sliver at
 * {@code bo}: element (p, j) at {@code bo + p*NR + j}. The C tile is written with
 * {@code c = acc + beta*c}, where beta = 0 means overwrite without reading C (so NaN/garbage is ignored).
 * Generated code (one method per shape); edit the generator pattern, not single lines.
 */
final class GemmMicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private GemmMicroKernels() {
    }

    /** Shapes as {MR, NV}; the id is the index. */
    static final int[][] SHAPES = {{4, 2}, {3, 3}, {6, 2}, {8, 2}, {12, 2}, {6, 3}, {14, 2}, {8, 3}};

    /** Runs kernel {@code id} (an index into {@link #SHAPES}). */
    static void run(int id, int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        switch (id) {
            case 0 -> k4x2(kc, a, ao, b, bo, c, co, ldc, beta);
            case 1 -> k3x3(kc, a, ao, b, bo, c, co, ldc, beta);
            case 2 -> k6x2(kc, a, ao, b, bo, c, co, ldc, beta);
            case 3 -> k8x2(kc, a, ao, b, bo, c, co, ldc, beta);
            case 4 -> k12x2(kc, a, ao, b, bo, c, co, ldc, beta);
            case 5 -> k6x3(kc, a, ao, b, bo, c, co, ldc, beta);
            case 6 -> k14x2(kc, a, ao, b, bo, c, co, ldc, beta);
            case 7 -> k8x3(kc, a, ao, b, bo, c, co, ldc, beta);
            default -> throw new IllegalArgumentException("no GEMM micro-kernel " + id);
        }
    }

    private static void store(FloatVector acc, float[] c, int off, float beta) {
        if (beta == 0f) {
            acc.intoArray(c, off);
        } else if (beta == 1f) {
            acc.add(FloatVector.fromArray(S, c, off)).intoArray(c, off);
        } else {
            FloatVector.fromArray(S, c, off).mul(beta).add(acc).intoArray(c, off);
        }
    }

    static void k4x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 2 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 4;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
    }

    static void k3x3(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 3 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 3;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        store(c0_2, c, o0 + 2 * L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        store(c1_2, c, o1 + 2 * L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        store(c2_2, c, o2 + 2 * L, beta);
    }

    static void k6x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 2 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
    }

    static void k8x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 2 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
        int o6 = co + 6 * ldc;
        store(c6_0, c, o6, beta);
        store(c6_1, c, o6 + L, beta);
        int o7 = co + 7 * ldc;
        store(c7_0, c, o7, beta);
        store(c7_1, c, o7 + L, beta);
    }

    static void k12x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 2 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 12;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
        int o6 = co + 6 * ldc;
        store(c6_0, c, o6, beta);
        store(c6_1, c, o6 + L, beta);
        int o7 = co + 7 * ldc;
        store(c7_0, c, o7, beta);
        store(c7_1, c, o7 + L, beta);
        int o8 = co + 8 * ldc;
        store(c8_0, c, o8, beta);
        store(c8_1, c, o8 + L, beta);
        int o9 = co + 9 * ldc;
        store(c9_0, c, o9, beta);
        store(c9_1, c, o9 + L, beta);
        int o10 = co + 10 * ldc;
        store(c10_0, c, o10, beta);
        store(c10_1, c, o10 + L, beta);
        int o11 = co + 11 * ldc;
        store(c11_0, c, o11, beta);
        store(c11_1, c, o11 + L, beta);
    }

    static void k6x3(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 3 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        store(c0_2, c, o0 + 2 * L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        store(c1_2, c, o1 + 2 * L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        store(c2_2, c, o2 + 2 * L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        store(c3_2, c, o3 + 2 * L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        store(c4_2, c, o4 + 2 * L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
        store(c5_2, c, o5 + 2 * L, beta);
    }

    static void k14x2(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 2 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        FloatVector c12_0 = FloatVector.zero(S), c12_1 = FloatVector.zero(S);
        FloatVector c13_0 = FloatVector.zero(S), c13_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 14;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ap + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ap + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ap + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ap + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
            FloatVector a12 = FloatVector.broadcast(S, a[ap + 12]);
            c12_0 = a12.fma(b0, c12_0);
            c12_1 = a12.fma(b1, c12_1);
            FloatVector a13 = FloatVector.broadcast(S, a[ap + 13]);
            c13_0 = a13.fma(b0, c13_0);
            c13_1 = a13.fma(b1, c13_1);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
        int o6 = co + 6 * ldc;
        store(c6_0, c, o6, beta);
        store(c6_1, c, o6 + L, beta);
        int o7 = co + 7 * ldc;
        store(c7_0, c, o7, beta);
        store(c7_1, c, o7 + L, beta);
        int o8 = co + 8 * ldc;
        store(c8_0, c, o8, beta);
        store(c8_1, c, o8 + L, beta);
        int o9 = co + 9 * ldc;
        store(c9_0, c, o9, beta);
        store(c9_1, c, o9 + L, beta);
        int o10 = co + 10 * ldc;
        store(c10_0, c, o10, beta);
        store(c10_1, c, o10 + L, beta);
        int o11 = co + 11 * ldc;
        store(c11_0, c, o11, beta);
        store(c11_1, c, o11 + L, beta);
        int o12 = co + 12 * ldc;
        store(c12_0, c, o12, beta);
        store(c12_1, c, o12 + L, beta);
        int o13 = co + 13 * ldc;
        store(c13_0, c, o13, beta);
        store(c13_1, c, o13 + L, beta);
    }

    static void k8x3(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc, float beta) {
        final int nr = 3 * L;
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S), c6_2 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S), c7_2 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bo + p * nr;
            int ap = ao + p * 8;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ap]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            FloatVector a1 = FloatVector.broadcast(S, a[ap + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            FloatVector a2 = FloatVector.broadcast(S, a[ap + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            FloatVector a3 = FloatVector.broadcast(S, a[ap + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            FloatVector a4 = FloatVector.broadcast(S, a[ap + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            FloatVector a5 = FloatVector.broadcast(S, a[ap + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            FloatVector a6 = FloatVector.broadcast(S, a[ap + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            c6_2 = a6.fma(b2, c6_2);
            FloatVector a7 = FloatVector.broadcast(S, a[ap + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            c7_2 = a7.fma(b2, c7_2);
        }
        int o0 = co;
        store(c0_0, c, o0, beta);
        store(c0_1, c, o0 + L, beta);
        store(c0_2, c, o0 + 2 * L, beta);
        int o1 = co + 1 * ldc;
        store(c1_0, c, o1, beta);
        store(c1_1, c, o1 + L, beta);
        store(c1_2, c, o1 + 2 * L, beta);
        int o2 = co + 2 * ldc;
        store(c2_0, c, o2, beta);
        store(c2_1, c, o2 + L, beta);
        store(c2_2, c, o2 + 2 * L, beta);
        int o3 = co + 3 * ldc;
        store(c3_0, c, o3, beta);
        store(c3_1, c, o3 + L, beta);
        store(c3_2, c, o3 + 2 * L, beta);
        int o4 = co + 4 * ldc;
        store(c4_0, c, o4, beta);
        store(c4_1, c, o4 + L, beta);
        store(c4_2, c, o4 + 2 * L, beta);
        int o5 = co + 5 * ldc;
        store(c5_0, c, o5, beta);
        store(c5_1, c, o5 + L, beta);
        store(c5_2, c, o5 + 2 * L, beta);
        int o6 = co + 6 * ldc;
        store(c6_0, c, o6, beta);
        store(c6_1, c, o6 + L, beta);
        store(c6_2, c, o6 + 2 * L, beta);
        int o7 = co + 7 * ldc;
        store(c7_0, c, o7, beta);
        store(c7_1, c, o7 + L, beta);
        store(c7_2, c, o7 + 2 * L, beta);
    }
}
