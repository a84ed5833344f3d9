package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * Packed, cache-blocked SGEMM on the Vector API: C = alpha * op(A) * op(B) + beta * C.
 *
 * <p>BLIS loop order (cpu-kernels.md section 5, step 6): jc over NC columns of C, pc over KC of k (the
 * B panel KC x NC is packed once, shared by all threads), ic over MC rows (each thread packs its own
 * MC x KC block of A, scaled by alpha), then jr over NR-wide B slivers and ir over MR-high A slivers,
 * calling a {@link GemmMicroKernels register-blocked micro-kernel} on each MR x NR tile. A B sliver
 * (KC x NR) stays in L1 while the A block (MC x KC) streams from L2.
 *
 * <p>Threads: work is split over M in MR-aligned ranges when there are enough row tiles, otherwise
 * over the B slivers of each panel; the members pack disjoint slivers of the shared B panel and meet
 * at a barrier before and after packing. GEMMs under {@link #PARALLEL_MIN_MACS} multiply-adds stay
 * on the caller's thread.
 *
 * <p>Edge tiles (any m, n, k) are computed into a scratch tile from zero-padded packs and merged into
 * C with scalar code. Packed buffers are thread-local and reused, so typical calls allocate nothing.
 *
 * <p>Tuning through system properties (for measurement): {@code nabla.gemm.kernel} (e.g. {@code 8x2}
 * meaning 8 rows by 2 vectors), {@code nabla.gemm.kc}, {@code nabla.gemm.mc}, {@code nabla.gemm.nc},
 * {@code nabla.gemm.parallelMinMacs}.
 */
final class VectorGemm {
    private static final int L = GemmMicroKernels.L;
    /** Index of the micro-kernel shape in {@link GemmMicroKernels#SHAPES}. */
    static final int KERNEL = chooseKernel();
    static final int MR = GemmMicroKernels.SHAPES[KERNEL][0];
    static final int NR = GemmMicroKernels.SHAPES[KERNEL][1] * L;
    static final int KC = Integer.getInteger("nabla.gemm.kc", 256);
    static final int MC = roundUp(Integer.getInteger("nabla.gemm.mc", L >= 16 ? 144 : 96), MR);
    static final int NC = roundUp(Integer.getInteger("nabla.gemm.nc", 4096), NR);
    /** Below this many multiply-adds (m*n*k) a GEMM runs on one thread: a wake-up costs more. */
    static final long PARALLEL_MIN_MACS = Long.getLong("nabla.gemm.parallelMinMacs", 1L << 21);

    /** Per-thread scratch: packed A block, the edge tile, and (for the calling thread) the B panel. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    private VectorGemm() {
    }

    private static int roundUp(int x, int to) {
        return Math.max(to, (x + to - 1) / to * to);
    }

    private static int chooseKernel() {
        String forced = System.getProperty("nabla.gemm.kernel");
        int[][] shapes = GemmMicroKernels.SHAPES;
        if (forced != null) {
            for (int i = 0; i < shapes.length; i++) {
                if (forced.equals(shapes[i][0] + "x" + shapes[i][1])) {
                    return i;
                }
            }
            throw new IllegalArgumentException("nabla.gemm.kernel: no micro-kernel '" + forced + "'");
        }
        // 32 vector registers with 512-bit vectors (AVX-512): 8x2 vectors (16 accumulators);
        // 16 registers (AVX2, NEON-width): 4x2 (8 accumulators) fits without spills.
        String want = L >= 16 ? "8x2" : "4x2";
        for (int i = 0; i < shapes.length; i++) {
            if (want.equals(shapes[i][0] + "x" + shapes[i][1])) {
                return i;
            }
        }
        return 0;
    }

    /** A short description for logs, e.g. {@code 8x32}. */
    static String describe() {
        return MR + "x" + NR + " kc=" + KC + " mc=" + MC + " nc=" + NC;
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        long macs = (long) m * n * k;
        int threads = macs >= PARALLEL_MIN_MACS ? Parallel.threads() : 1;
        Scratch owner = SCRATCH.get();
        int panelN = Math.min(NC, roundUp(n, NR));
        int panelK = Math.min(KC, k);
        float[] pb = owner.b(panelN * panelK);
        Job job = new Job(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, pb);
        if (threads <= 1 || Parallel.inJob()) {
            job.run(0, 1, null);
        } else {
            Parallel.Barrier barrier = new Parallel.Barrier(threads);
            Parallel.team(threads, (id, members) -> job.run(id, members, members > 1 ? barrier : null));
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, ci, ci + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }

    /** One GEMM call's arguments; {@link #run} is one member's share. */
    private record Job(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc, float[] pb) {

        void run(int id, int members, Parallel.Barrier barrier) {
            Scratch scratch = SCRATCH.get();
            int tilesM = (m + MR - 1) / MR;
            // Split M when each member gets at least two row tiles; else split each panel's slivers.
            boolean splitM = members == 1 || tilesM >= 2 * members;
            int m0 = 0;
            int m1 = m;
            if (splitM && members > 1) {
                m0 = Math.min(m, (int) ((long) tilesM * id / members) * MR);
                m1 = Math.min(m, (int) ((long) tilesM * (id + 1) / members) * MR);
            }
            float[] pa = scratch.a(Math.min(MC, roundUp(m1 - m0 + 1, MR)) * Math.min(KC, k));
            boolean firstStep = true;
            for (int jc = 0; jc < n; jc += NC) {
                int ncur = Math.min(NC, n - jc);
                int slivers = (ncur + NR - 1) / NR;
                for (int pc = 0; pc < k; pc += KC) {
                    int kcur = Math.min(KC, k - pc);
                    float cBeta = pc == 0 ? beta : 1f;
                    if (barrier != null && !firstStep) {
                        barrier.await(); // everyone is done reading the previous B panel
                    }
                    firstStep = false;
                    int s0 = (int) ((long) slivers * id / members);
                    int s1 = (int) ((long) slivers * (id + 1) / members);
                    for (int s = s0; s < s1; s++) {
                        packB(kcur, pc, jc + s * NR, Math.min(NR, ncur - s * NR), s * kcur * NR);
                    }
                    if (barrier != null) {
                        barrier.await(); // the whole panel is packed
                    }
                    int js0 = splitM ? 0 : s0;
                    int js1 = splitM ? slivers : s1;
                    for (int ic = m0; ic < m1; ic += MC) {
                        int mcur = Math.min(MC, m1 - ic);
                        packA(pa, ic, mcur, pc, kcur);
                        for (int s = js0; s < js1; s++) {
                            int j = jc + s * NR;
                            int nrCur = Math.min(NR, n - j);
                            int bo = s * kcur * NR;
                            for (int ir = 0; ir < mcur; ir += MR) {
                                int mrCur = Math.min(MR, mcur - ir);
                                int ao = ir * kcur;
                                int co = cOff + (ic + ir) * ldc + j;
                                if (mrCur == MR && nrCur == NR) {
                                    GemmMicroKernels.run(KERNEL, kcur, pa, ao, pb, bo, c, co, ldc, cBeta);
                                } else {
                                    float[] t = scratch.tile;
                                    GemmMicroKernels.run(KERNEL, kcur, pa, ao, pb, bo, t, 0, NR, 0f);
                                    mergeTile(t, mrCur, nrCur, c, co, ldc, cBeta);
                                }
                            }
                        }
                    }
                }
            }
        }

        private static void mergeTile(float[] t, int mr, int nr, float[] c, int co, int ldc, float cBeta) {
            for (int r = 0; r < mr; r++) {
                int ci = co + r * ldc;
                int ti = r * NR;
                if (cBeta == 0f) {
                    System.arraycopy(t, ti, c, ci, nr);
                } else if (cBeta == 1f) {
                    for (int j = 0; j < nr; j++) {
                        c[ci + j] += t[ti + j];
                    }
                } else {
                    for (int j = 0; j < nr; j++) {
                        c[ci + j] = t[ti + j] + cBeta * c[ci + j];
                    }
                }
            }
        }

        /**
         * Packs rows [i0, i0+mcur) x k-range [pc, pc+kcur) of alpha*op(A) into MR-high slivers:
         * element (r, p) of sliver s at s*MR*kcur + p*MR + r, zero-padded to a multiple of MR rows.
         */
        private void packA(float[] pa, int i0, int mcur, int pc, int kcur) {
            float al = alpha;
            for (int s = 0; s < mcur; s += MR) {
                int rows = Math.min(MR, mcur - s);
                int dst = s * kcur;
                if (!transA) {
                    // A is m x k, row-major: read each row contiguously, write with stride MR.
                    for (int r = 0; r < rows; r++) {
                        int src = aOff + (i0 + s + r) * lda + pc;
                        int d = dst + r;
                        for (int p = 0; p < kcur; p++) {
                            pa[d + p * MR] = al * a[src + p];
                        }
                    }
                    for (int r = rows; r < MR; r++) {
                        for (int p = 0; p < kcur; p++) {
                            pa[dst + r + p * MR] = 0f;
                        }
                    }
                } else {
                    // A is stored k x m: the MR values of one p are contiguous.
                    for (int p = 0; p < kcur; p++) {
                        int src = aOff + (pc + p) * lda + i0 + s;
                        int d = dst + p * MR;
                        for (int r = 0; r < rows; r++) {
                            pa[d + r] = al * a[src + r];
                        }
                        for (int r = rows; r < MR; r++) {
                            pa[d + r] = 0f;
                        }
                    }
                }
            }
        }

        /**
         * Packs k-range [pc, pc+kcur) x columns [j0, j0+cols) of op(B) as one NR-wide sliver at dst:
         * element (p, j) at dst + p*NR + j, zero-padded to NR columns.
         */
        private void packB(int kcur, int pc, int j0, int cols, int dst) {
            if (!transB) {
                // B is k x n, row-major: each p is a contiguous run of NR floats.
                if (cols == NR) {
                    for (int p = 0; p < kcur; p++) {
                        int src = bOff + (pc + p) * ldb + j0;
                        int d = dst + p * NR;
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(GemmMicroKernels.S, b, src + v).intoArray(pb, d + v);
                        }
                    }
                } else {
                    for (int p = 0; p < kcur; p++) {
                        int src = bOff + (pc + p) * ldb + j0;
                        int d = dst + p * NR;
                        System.arraycopy(b, src, pb, d, cols);
                        Arrays.fill(pb, d + cols, d + NR, 0f);
                    }
                }
            } else {
                // B is stored n x k: read each column of op(B) contiguously, write with stride NR.
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + j) * ldb + pc;
                    int d = dst + j;
                    for (int p = 0; p < kcur; p++) {
                        pb[d + p * NR] = b[src + p];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    for (int p = 0; p < kcur; p++) {
                        pb[dst + j + p * NR] = 0f;
                    }
                }
            }
        }
    }
}
