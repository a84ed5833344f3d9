package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

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
 * <p>Threads: each B panel step is split into packing tasks (groups of slivers) and compute tasks (row
 * blocks, times groups of slivers when m is small), taken dynamically from counters, with two panel
 * buffers so packing the next panel overlaps computing this one. Dynamic tasks matter on this shared
 * VM: a descheduled thread no longer stalls the other at a barrier. GEMMs under
 * {@link #PARALLEL_MIN_MACS} multiply-adds stay on the caller's thread.
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
    /** Whether the kernel reads packed A row-major ({@link Job#packARows}) rather than column-major. */
    static final boolean ROW_A = GemmMicroKernels.rowMajorA(KERNEL);
    // Block sizes. AVX2 (Zen 3, 32 KB L1): kc=256, mc=96 as measured in cpu-kernels.md. AVX-512 (Zen 5,
    // 48 KB L1, 1 MB L2): a deep kc=1024 with a short mc=48 measured best, 1 thread NN 1024/2048:
    // 237/215 GFLOP/s against 193/160 with kc=256, mc=144 (fewer passes over C; the 128 KB B sliver
    // streams from L2 fast enough); nc did not matter (1024-4096), so 1024 keeps the panel at 4 MB.
    // 8 lanes (the 6x2 kernel; Zen 5 with -XX:UseAVX=2): the same kc=1024, mc=48 (a 64 KB B sliver from
    // L2, C read and written a quarter as often) over kc=256, mc=144, interleaved in one JVM, 9 rounds:
    // 1 thread n=1024/2048 +2.2/+1.3%, 2 threads n=512/1024/2048 +1.0/+1.2/+1.7%; nc 1024-4096 within
    // the noise, 2048 keeps a thread's panel at 8 MB. Not measured on a real Zen 3 (512 KB L2).
    static final int KC = GemmMicroKernels.KC;
    private static final int A_ROW = GemmMicroKernels.A_ROW;
    /**
     * Column-major A slivers (16 lanes, MR = 8) packed two at a time through the 16x16 register transpose
     * instead of a scalar loop writing with stride MR: the scalar packing was 3.6 % of a 1-thread 1024^3
     * GEMM (perf), the rest being the kernel (94.6 %) and B packing (1.2 %).
     */
    private static final boolean PAIRED_PACK_A = !ROW_A && L == 16 && 2 * MR == L
            && Boolean.parseBoolean(System.getProperty("nabla.gemm.pairedPackA", "true"));
    /**
     * Transposed B (op(B) = B^T, as in linear's x W^T) packed L x L at a time through the register transpose
     * instead of a scalar loop writing with stride NR: that loop was 6.1 % of the mlp bench step's profile
     * (emulated AVX2), whose forward GEMM packs the whole weight matrix for 100 rows of input.
     */
    private static final boolean TRANSPOSED_PACK_B = RegisterTranspose.LANES && NR % L == 0
            && Boolean.parseBoolean(System.getProperty("nabla.gemm.transposedPackB", "true"));
    /**
     * The first MR lanes of a full vector, for moving MR = L/2 floats (16 lanes, MR = 8) with masked
     * loads and stores. Not an 8-lane (256-bit) vector: using a second FloatVector shape in the process
     * pollutes the type profiles inside the Vector API's shared code, and C2 then sometimes compiles a
     * micro-kernel without its intrinsics (boxed vectors, ~10x slower: the convnet bench's weight-gradient
     * kernel took 23 % of the step instead of 2 % in about one run of three).
     */
    private static final VectorMask<Float> FIRST_MR = MR < L ? GemmMicroKernels.S.indexInRange(0, MR) : null;
    private static final float[] ZERO_BIAS = new float[16];
    static final int MC = roundUp(Integer.getInteger("nabla.gemm.mc", L >= 8 ? 48 : 96), MR);
    static final int NC = roundUp(Integer.getInteger("nabla.gemm.nc", L >= 16 ? 1024 : L == 8 ? 2048 : 4096), NR);
    /**
     * Up to this leading dimension a row-major B (no transB) is read in place by kernels that take a B row
     * stride ({@link GemmMicroKernels#stridedB}, the AVX2 6x2) instead of being packed, which saves copying
     * k x n floats per call (each thread of an independent split copies all of B). The kernel then reads
     * rows ldb floats apart: over a 96-row block (1 thread) 136 GFLOP/s in place vs 135 packed with ldb
     * 256, but 133 vs 138 with 512. Whole GEMMs, interleaved, 1 thread n=256: 134.2/134.2 vs 130.9/130.7
     * packed; 2 threads and n=512 within noise either way, so only up to 256. Again with the row-major-A
     * kernels (kc=256, one JVM alternating, 11 rounds): n=256 1 thread 134.4 in place vs 132.2 packed.
     */
    static final int DIRECT_B_MAX_LD = Integer.getInteger("nabla.gemm.directBMaxLd", 256);
    /**
     * Padding (floats, one cache line) between packed B slivers. Without it the slivers of a panel are
     * kc*NR*4 bytes apart, a multiple of 4 KB, so row p of every sliver falls in the same L1 set, and a
     * packing loop that writes one row of many slivers at a time thrashes that set.
     */
    static final int B_PAD = 16;
    /**
     * Slivers per packing task when threads share a panel's packing (tasks are taken dynamically); a
     * one-thread job packs each panel in one task.
     */
    static final int SHARED_PACK_SLIVERS = 8;

    /** Floats from one packed B sliver to the next (see {@link #B_PAD}). */
    static int sliverStride(int kcur) {
        return kcur * NR + B_PAD;
    }
    /** Below this many multiply-adds (m*n*k) a GEMM runs on one thread: a wake-up costs more. */
    static final long PARALLEL_MIN_MACS = Long.getLong("nabla.gemm.parallelMinMacs", 1L << 21);

    /** Per-thread scratch: packed A block, the edge tile, and (for the calling thread) the B panel. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        /** The edge tile (MR x NR), also the 16x16 block of packSliverPair, with L floats of slack for its loads. */
        final float[] tile = new float[MR * NR + L];

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
        // 16 registers with 256-bit vectors (AVX2): 6x2 (12 accumulators, its k loop fenced so that C2
        // does not spill, see GemmMicroKernels); 4x2 elsewhere (8 accumulators fit without spills).
        String want = L >= 16 ? "8x2" : L == 8 ? "6x2" : "4x2";
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
        // Dot products (transB) beat packing up to SKINNY_M rows; row sums without transB only for m = 1.
        if (m <= SKINNY_M && (transB || m == 1)) {
            skinny(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long macs = (long) m * n * k;
        int threads = macs >= PARALLEL_MIN_MACS ? Parallel.threads() : 1;
        if (threads > 1 && !Parallel.inJob() && independent(m, n, macs)) {
            splitIndependent(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        serialOrShared(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Up to this many rows of C, no packing: packing B costs k*n copies that only m rows would reuse
     * (m = 1 is a batch-1 layer: 1x500x784 NT took 143 us packed, mostly packing W).
     */
    static final int SKINNY_M = Integer.getInteger("nabla.gemm.skinnyM", 4);

    /**
     * C = alpha * op(A) * op(B) + beta * C for a few rows, reading A and B in place: with transB each C
     * element is a vector dot product of two contiguous k-runs; without, a C row is accumulated as the
     * sum over p of A(i, p) * B(p, :) in registers, four vectors of columns at a time. Measured 1 thread:
     * 1x500x784 NT 136 -> 21 us, NN 94 -> 27 us; for 2-4 rows without transB packing was faster.
     */
    private static void skinny(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        Scratch scratch = SCRATCH.get();
        jdk.incubator.vector.VectorSpecies<Float> sp = GemmMicroKernels.S;
        for (int i = 0; i < m; i++) {
            // Row i of op(A) as a contiguous run (copied when A is transposed).
            float[] ar = a;
            int ao = aOff + i * lda;
            if (transA) {
                ar = scratch.a(k);
                for (int p = 0; p < k; p++) {
                    ar[p] = a[aOff + p * lda + i];
                }
                ao = 0;
            }
            int ci = cOff + i * ldc;
            if (transB) {
                int bound = sp.loopBound(k);
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    int b0 = bOff + j * ldb;
                    FloatVector s0 = FloatVector.zero(sp);
                    FloatVector s1 = FloatVector.zero(sp);
                    FloatVector s2 = FloatVector.zero(sp);
                    FloatVector s3 = FloatVector.zero(sp);
                    int p = 0;
                    for (; p < bound; p += L) {
                        FloatVector av = FloatVector.fromArray(sp, ar, ao + p);
                        s0 = av.fma(FloatVector.fromArray(sp, b, b0 + p), s0);
                        s1 = av.fma(FloatVector.fromArray(sp, b, b0 + ldb + p), s1);
                        s2 = av.fma(FloatVector.fromArray(sp, b, b0 + 2 * ldb + p), s2);
                        s3 = av.fma(FloatVector.fromArray(sp, b, b0 + 3 * ldb + p), s3);
                    }
                    float d0 = LaneSum.sum(s0);
                    float d1 = LaneSum.sum(s1);
                    float d2 = LaneSum.sum(s2);
                    float d3 = LaneSum.sum(s3);
                    for (; p < k; p++) {
                        float av = ar[ao + p];
                        d0 += av * b[b0 + p];
                        d1 += av * b[b0 + ldb + p];
                        d2 += av * b[b0 + 2 * ldb + p];
                        d3 += av * b[b0 + 3 * ldb + p];
                    }
                    store(c, ci + j, alpha * d0, beta);
                    store(c, ci + j + 1, alpha * d1, beta);
                    store(c, ci + j + 2, alpha * d2, beta);
                    store(c, ci + j + 3, alpha * d3, beta);
                }
                for (; j < n; j++) {
                    int b0 = bOff + j * ldb;
                    FloatVector s0 = FloatVector.zero(sp);
                    int p = 0;
                    for (; p < bound; p += L) {
                        s0 = FloatVector.fromArray(sp, ar, ao + p).fma(FloatVector.fromArray(sp, b, b0 + p), s0);
                    }
                    float d0 = LaneSum.sum(s0);
                    for (; p < k; p++) {
                        d0 += ar[ao + p] * b[b0 + p];
                    }
                    store(c, ci + j, alpha * d0, beta);
                }
            } else {
                // C row = sum over p of A(i, p) * B(p, :), four vectors of columns at a time in registers.
                int j = 0;
                for (; j + 4 * L <= n; j += 4 * L) {
                    FloatVector s0 = FloatVector.zero(sp);
                    FloatVector s1 = FloatVector.zero(sp);
                    FloatVector s2 = FloatVector.zero(sp);
                    FloatVector s3 = FloatVector.zero(sp);
                    for (int p = 0; p < k; p++) {
                        FloatVector av = FloatVector.broadcast(sp, ar[ao + p]);
                        int bp = bOff + p * ldb + j;
                        s0 = FloatVector.fromArray(sp, b, bp).fma(av, s0);
                        s1 = FloatVector.fromArray(sp, b, bp + L).fma(av, s1);
                        s2 = FloatVector.fromArray(sp, b, bp + 2 * L).fma(av, s2);
                        s3 = FloatVector.fromArray(sp, b, bp + 3 * L).fma(av, s3);
                    }
                    storeRow(s0, c, ci + j, alpha, beta);
                    storeRow(s1, c, ci + j + L, alpha, beta);
                    storeRow(s2, c, ci + j + 2 * L, alpha, beta);
                    storeRow(s3, c, ci + j + 3 * L, alpha, beta);
                }
                for (; j + L <= n; j += L) {
                    FloatVector s0 = FloatVector.zero(sp);
                    for (int p = 0; p < k; p++) {
                        s0 = FloatVector.fromArray(sp, b, bOff + p * ldb + j).fma(FloatVector.broadcast(sp, ar[ao + p]), s0);
                    }
                    storeRow(s0, c, ci + j, alpha, beta);
                }
                for (; j < n; j++) {
                    float d = 0f;
                    for (int p = 0; p < k; p++) {
                        d += ar[ao + p] * b[bOff + p * ldb + j];
                    }
                    store(c, ci + j, alpha * d, beta);
                }
            }
        }
    }

    private static void storeRow(FloatVector acc, float[] c, int at, float alpha, float beta) {
        FloatVector v = acc.mul(alpha);
        if (beta != 0f) {
            v = v.add(FloatVector.fromArray(GemmMicroKernels.S, c, at).mul(beta));
        }
        v.intoArray(c, at);
    }

    private static void store(float[] c, int at, float v, float beta) {
        c[at] = beta == 0f ? v : v + beta * c[at];
    }

    /** Split mode from {@code nabla.gemm.split}: shared, independent or auto. */
    private static final String SPLIT = System.getProperty("nabla.gemm.split", "auto");

    /**
     * Whether to split into independent sub-GEMMs (each packs its own operands, no waiting between
     * threads) rather than share packed B panels (less packing, but a thread waits for the others at each
     * panel, which costs a whole scheduler slice when the VM is oversubscribed).
     */
    private static boolean independent(int m, int n, long macs) {
        return switch (SPLIT) {
            case "shared" -> false;
            case "independent" -> true;
            // Measured on the shared 2-core VM under load, interleaved: below ~1G multiply-adds (NT
            // 100x500x784, 512^3) independent blocks were 1.1-3x faster, because a stall at a shared panel
            // costs a scheduler slice; at 2048^3 the shared mode's many small dynamic tasks won (147 vs
            // 62-97 GFLOP/s), since two static halves cannot rebalance when one core is taken. With both
            // cores free (no other load, GemmSweep, 2 runs each, interleaved) independent halves won at
            // 1024^3 and 2048^3 too: 16 lanes 461-468 vs 417-438 GFLOP/s, 8 lanes (AVX2) 234-246 vs
            // 216-233. OpenBLAS, which torch.mm runs on, splits statically as well, so up to ~2600^3 the
            // quiet-machine speed is taken; beyond, a static half's stall costs more than the B copy.
            default -> macs < (1L << 34);
        };
    }

    /**
     * Splits C into row or column blocks computed as independent GEMMs: along the longer of m, n, and for a
     * square C along n when the kernel packs a non-transposed A row-major and B is not read in place. Each
     * block packs all of the other operand, and row-major A is packed with vector copies while a B sliver is
     * gathered from k rows ldb apart, so column blocks (each packing all of A and its half of B) copy less
     * slowly; they also halve a thread's packed B panel. 8 lanes, 2 threads, square NN, interleaved in one
     * JVM (11 rounds): n=512/1024/2048 +2.2/+2.1/+0.8% in a quiet spell, +0.8/+1.6/+6.3% in a busier one.
     * With column-major A (16 lanes, the scalar-transposing packA) column blocks lost: -6.9/-0.7/-3.0%.
     * Re-measured after B was packed by whole rows ({@link Job#packBGroup}): row blocks still lost on 8
     * lanes, 2 threads, n=512/1024/2048: -3.5/-1.0/-6.4% and -0.9/-2.4/-6.9% (two sittings, 15 rounds).
     */
    private static void splitIndependent(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                         float beta, float[] c, int cOff, int ldc) {
        // Column blocks only where A is packed by vector copies (row-major A, not transposed: a transposed A
        // is packed by scalar gathers; in one sitting TN 512^3/1024^3 on 2 threads ran 231/232-236 GFLOP/s on
        // column blocks vs 242/248 on row blocks) and B is not read in place (no B packing to save).
        boolean bInPlace = !transB && ldb <= DIRECT_B_MAX_LD && GemmMicroKernels.stridedB(KERNEL);
        boolean splitRows = ROW_A && !transA && !bInPlace ? m > n : m >= n;
        int unit = splitRows ? MR : NR;
        int units = ((splitRows ? m : n) + unit - 1) / unit;
        int tasks = Math.min(threads, units);
        Parallel.forTasks(tasks, threads, t -> {
            int lo = (int) ((long) units * t / tasks) * unit;
            int hi = Math.min(splitRows ? m : n, (int) ((long) units * (t + 1) / tasks) * unit);
            if (hi <= lo) {
                return;
            }
            if (splitRows) {
                int ao = transA ? aOff + lo : aOff + lo * lda;
                serialOrShared(1, transA, transB, hi - lo, n, k, alpha, a, ao, lda, b, bOff, ldb, beta, c,
                        cOff + lo * ldc, ldc);
            } else {
                int bo = transB ? bOff + lo * ldb : bOff + lo;
                serialOrShared(1, transA, transB, m, hi - lo, k, alpha, a, aOff, lda, b, bo, ldb, beta, c,
                        cOff + lo, ldc);
            }
        });
    }

    /** Runs on the caller alone (threads = 1) or with threads sharing packed B panels. */
    static void serialOrShared(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                       float beta, float[] c, int cOff, int ldc) {
        Scratch owner = SCRATCH.get();
        int panelN = Math.min(NC, roundUp(n, NR));
        int panelK = Math.min(KC, k);
        int panel = panelN / NR * sliverStride(panelK);
        // Two B panels when threads share the work, so one can be packed while the other is in use.
        float[] pb = owner.b(threads > 1 ? 2 * panel : panel);
        Job job = new Job(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                pb, panel, threads);
        if (threads > 1 && Parallel.startShared(threads - 1, job::work)) {
            try {
                job.work();
                job.awaitAll();
            } finally {
                Parallel.endShared();
            }
            job.rethrow();
        } else {
            job.work();
            job.rethrow();
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

    /**
     * One GEMM call, as a sequence of steps (one per (jc, pc) B panel), each with packing tasks (groups of
     * B slivers) and compute tasks (a block of rows times a group of slivers). Any number of threads run
     * {@link #work}, taking tasks from per-step counters; a thread waits only for the packing of the
     * step it computes, for the same task of the previous k step (which wrote the same C tiles; not for
     * the whole step, so a thread that finishes its share of a step goes on with the next one instead of
     * idling until the other's last task ends), and before repacking a panel buffer, for the step that
     * last used it. A thread that arrives late (or never)
     * holds nobody up; the caller's {@link #awaitAll} makes the call complete.
     */
    private static final class Job {
        final boolean transA;
        final boolean transB;
        final int m;
        final int n;
        final int k;
        final float alpha;
        final float[] a;
        final int aOff;
        final int lda;
        final float[] b;
        final int bOff;
        final int ldb;
        final float beta;
        final float[] c;
        final int cOff;
        final int ldc;
        final float[] pb;
        final int panel;
        /** Whether full-width B slivers are read in place from b (see {@link #DIRECT_B_MAX_LD}). */
        final boolean directB;
        final int stepsK;
        final int steps;
        /** Rows per compute task (a multiple of MR, at most MC) and the task grid. */
        final int taskRows;
        final int rowBlocks;
        final int colGroups;
        /** Per step s: [4s] pack tasks taken, [4s+1] packed, [4s+2] compute tasks taken, [4s+3] computed. */
        final java.util.concurrent.atomic.AtomicIntegerArray counters;
        /** Per step s and compute task t: [s * taskStride + t] is 1 once that task is done. */
        final java.util.concurrent.atomic.AtomicIntegerArray done;
        final int taskStride;
        /** Slivers per packing task: the whole panel on one thread, {@link #SHARED_PACK_SLIVERS} when shared. */
        final int packGroup;
        volatile Throwable failure;

        Job(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] pb, int panel,
            int threads) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.alpha = alpha;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.pb = pb;
            this.panel = panel;
            this.directB = !transB && ldb <= DIRECT_B_MAX_LD && GemmMicroKernels.stridedB(KERNEL);
            this.stepsK = (k + KC - 1) / KC;
            this.steps = stepsK * ((n + NC - 1) / NC);
            packGroup = threads <= 1 ? Math.max(1, (Math.min(NC, n) + NR - 1) / NR) : SHARED_PACK_SLIVERS;
            if (threads <= 1) {
                taskRows = MC;
            } else {
                // Aim for at least 3 tasks per thread so dynamic scheduling can balance them.
                int want = 3 * threads;
                int rows = roundUp((m + want - 1) / want, MR);
                taskRows = Math.min(MC, rows);
            }
            rowBlocks = (m + taskRows - 1) / taskRows;
            int minSlivers = Math.min((n + NR - 1) / NR, (NC + NR - 1) / NR);
            colGroups = threads <= 1 ? 1
                    : Math.max(1, Math.min(minSlivers, (3 * threads + rowBlocks - 1) / rowBlocks));
            counters = steps > 1 || threads > 1 ? new java.util.concurrent.atomic.AtomicIntegerArray(4 * steps) : null;
            taskStride = rowBlocks * colGroups;
            done = counters != null && stepsK > 1
                    ? new java.util.concurrent.atomic.AtomicIntegerArray(steps * taskStride) : null;
        }

        private int slivers(int step) {
            int jc = step / stepsK * NC;
            return (Math.min(NC, n - jc) + NR - 1) / NR;
        }

        private int computeTasks(int step) {
            return rowBlocks * Math.min(colGroups, slivers(step));
        }

        /** Takes and runs tasks of every step until none is left; safe to call from any number of threads. */
        void work() {
            Scratch scratch = SCRATCH.get();
            if (counters == null) {
                // One step, one thread: no bookkeeping.
                int sl = packTasks(0);
                for (int t = 0; t < sl; t++) {
                    packSliver(0, t);
                }
                for (int t = 0, ct = computeTasks(0); t < ct; t++) {
                    compute(scratch, 0, t);
                }
                return;
            }
            for (int s = 0; s < steps; s++) {
                int sl = packTasks(s);
                if (counters.get(4 * s) < sl) {
                    if (s >= 2) {
                        // This step's panel buffer was last used by step s-2.
                        Parallel.awaitCount(counters, 4 * (s - 2) + 3, computeTasks(s - 2));
                    }
                    int t;
                    while ((t = counters.getAndIncrement(4 * s)) < sl) {
                        try {
                            packSliver(s, t);
                        } catch (Throwable e) {
                            failure = e;
                        } finally {
                            counters.incrementAndGet(4 * s + 1);
                        }
                    }
                }
                int ct = computeTasks(s);
                if (counters.get(4 * s + 2) >= ct) {
                    continue;
                }
                Parallel.awaitCount(counters, 4 * s + 1, sl);
                // The previous k step of the same column panel has the same task grid; its task t wrote
                // the C tiles task t accumulates onto. A new column panel (s % stepsK == 0) touches other
                // columns of C and waits for nothing.
                boolean chained = s % stepsK != 0;
                int t;
                while ((t = counters.getAndIncrement(4 * s + 2)) < ct) {
                    try {
                        if (chained) {
                            Parallel.awaitCount(done, (s - 1) * taskStride + t, 1);
                        }
                        compute(scratch, s, t);
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        if (done != null) {
                            done.set(s * taskStride + t, 1);
                        }
                        counters.incrementAndGet(4 * s + 3);
                    }
                }
            }
        }

        /** Waits until every compute task of the last step (hence all steps) is done. */
        void awaitAll() {
            Parallel.awaitCount(counters, 4 * (steps - 1) + 3, computeTasks(steps - 1));
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new RuntimeException(t);
            }
        }

        private int bufferOffset(int step) {
            return pb.length >= 2 * panel ? (step & 1) * panel : 0;
        }

        private int packTasks(int step) {
            return (slivers(step) + packGroup - 1) / packGroup;
        }

        /**
         * Packing task t of a step: slivers [t*G, t*G+G) of the panel, G = {@link #packGroup}. Without transB
         * the group's full-width slivers are packed row by row of B ({@link #packBGroup}); edge slivers and
         * transB ones one by one ({@link #packB}).
         */
        private void packSliver(int step, int task) {
            int s0 = task * packGroup;
            int s1 = Math.min(slivers(step), s0 + packGroup);
            if (transB || s1 - s0 == 1) {
                for (int sl = s0; sl < s1; sl++) {
                    packOneSliver(step, sl);
                }
                return;
            }
            int jc = step / stepsK * NC;
            int pc = step % stepsK * KC;
            int kcur = Math.min(KC, k - pc);
            int ncur = Math.min(NC, n - jc);
            // the full-width slivers of the group; an edge sliver (fewer than NR columns) is packed alone
            int full = s0;
            while (full < s1 && ncur - full * NR >= NR) {
                full++;
            }
            if (full > s0 && !directB) {
                packBGroup(kcur, pc, jc + s0 * NR, full - s0, bufferOffset(step) + s0 * sliverStride(kcur));
            }
            for (int sl = full; sl < s1; sl++) {
                packOneSliver(step, sl);
            }
        }

        /**
         * Packs g full-width slivers (columns [j0, j0 + g*NR) of B, no transB) reading each row of B once as
         * g*NR contiguous floats; sliver q at dst + q*sliverStride(kcur), laid out as {@link #packB} does.
         * Sliver by sliver, every row of B read NR floats, one or two cache lines on another page (rows ldb
         * apart): B packing took 1.8-1.9 % of a 1-thread 1024^3 GEMM (8 lanes, perf); whole rows of B into
         * padded slivers, 0.9 %. A 1024 x 1024 panel from a B that is not in cache, alone: 0.7 floats/ns
         * sliver by sliver, 2.0 in groups of 8 slivers (unpadded), 5.0 by whole rows (padded).
         */
        private void packBGroup(int kcur, int pc, int j0, int g, int dst) {
            final float[] pb = this.pb;
            int ss = sliverStride(kcur);
            for (int p = 0; p < kcur; p++) {
                int src = bOff + (pc + p) * ldb + j0;
                int d = dst + p * NR;
                for (int q = 0; q < g; q++) {
                    for (int v = 0; v < NR; v += L) {
                        FloatVector.fromArray(GemmMicroKernels.S, b, src + q * NR + v).intoArray(pb, d + q * ss + v);
                    }
                }
            }
        }

        private void packOneSliver(int step, int sliver) {
            int jc = step / stepsK * NC;
            int pc = step % stepsK * KC;
            int kcur = Math.min(KC, k - pc);
            int ncur = Math.min(NC, n - jc);
            int cols = Math.min(NR, ncur - sliver * NR);
            if (directB && cols == NR) {
                return; // read in place by compute
            }
            packB(kcur, pc, jc + sliver * NR, cols, bufferOffset(step) + sliver * sliverStride(kcur));
        }

        /** Compute task t of a step: rows [i0, i0+taskRows) times one group of the panel's slivers. */
        private void compute(Scratch scratch, int step, int task) {
            int jc = step / stepsK * NC;
            int pc = step % stepsK * KC;
            int kcur = Math.min(KC, k - pc);
            int sl = slivers(step);
            int groups = Math.min(colGroups, sl);
            int rb = task / groups;
            int g = task % groups;
            int s0 = (int) ((long) sl * g / groups);
            int s1 = (int) ((long) sl * (g + 1) / groups);
            int ic = rb * taskRows;
            int mcur = Math.min(taskRows, m - ic);
            float cBeta = pc == 0 ? beta : 1f;
            float[] pa = scratch.a(roundUp(taskRows, MR) * (ROW_A ? A_ROW : Math.min(KC, k)));
            if (ROW_A) {
                packARows(pa, ic, mcur, pc, kcur);
            } else {
                packA(pa, scratch.tile, ic, mcur, pc, kcur);
            }
            int base = bufferOffset(step);
            for (int s = s0; s < s1; s++) {
                int j = jc + s * NR;
                int nrCur = Math.min(NR, n - j);
                boolean inPlace = directB && nrCur == NR;
                float[] bs = inPlace ? b : pb;
                int bo = inPlace ? bOff + pc * ldb + j : base + s * sliverStride(kcur);
                int bstride = inPlace ? ldb : NR;
                for (int ir = 0; ir < mcur; ir += MR) {
                    int mrCur = Math.min(MR, mcur - ir);
                    int ao = ir * (ROW_A ? A_ROW : kcur);
                    int co = cOff + (ic + ir) * ldc + j;
                    if (mrCur == MR && nrCur == NR) {
                        GemmMicroKernels.run(KERNEL, kcur, pa, ao, bs, bo, bstride, c, co, ldc, cBeta);
                    } else {
                        float[] t = scratch.tile;
                        GemmMicroKernels.run(KERNEL, kcur, pa, ao, bs, bo, bstride, t, 0, NR, 0f);
                        mergeTile(t, mrCur, nrCur, c, co, ldc, cBeta);
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
         * Packs rows [i0, i0+mcur) x k-range [pc, pc+kcur) of alpha*op(A) into MR-high slivers, each row
         * A_ROW floats apart: element (r, p) of sliver s at (s*MR + r)*A_ROW + p, zero-padded to a multiple of MR
         * rows.
         */
        private void packARows(float[] pa, int i0, int mcur, int pc, int kcur) {
            float al = alpha;
            jdk.incubator.vector.VectorSpecies<Float> sp = GemmMicroKernels.S;
            int bound = sp.loopBound(kcur);
            for (int s = 0; s < mcur; s += MR) {
                int rows = Math.min(MR, mcur - s);
                int dst = s * A_ROW;
                if (!transA) {
                    for (int r = 0; r < rows; r++) {
                        int src = aOff + (i0 + s + r) * lda + pc;
                        int d = dst + r * A_ROW;
                        int p = 0;
                        if (al == 1f) {
                            for (; p < bound; p += L) {
                                FloatVector.fromArray(sp, a, src + p).intoArray(pa, d + p);
                            }
                        } else {
                            for (; p < bound; p += L) {
                                FloatVector.fromArray(sp, a, src + p).mul(al).intoArray(pa, d + p);
                            }
                        }
                        for (; p < kcur; p++) {
                            pa[d + p] = al * a[src + p];
                        }
                    }
                } else {
                    for (int p = 0; p < kcur; p++) {
                        int src = aOff + (pc + p) * lda + i0 + s;
                        for (int r = 0; r < rows; r++) {
                            pa[dst + r * A_ROW + p] = al * a[src + r];
                        }
                    }
                }
                for (int r = rows; r < MR; r++) {
                    Arrays.fill(pa, dst + r * A_ROW, dst + r * A_ROW + kcur, 0f);
                }
            }
        }

        /**
         * Packs rows [i0, i0+mcur) x k-range [pc, pc+kcur) of alpha*op(A) into MR-high slivers:
         * element (r, p) of sliver s at s*MR*kcur + p*MR + r, zero-padded to a multiple of MR rows.
         */
        private void packA(float[] pa, float[] t, int i0, int mcur, int pc, int kcur) {
            float al = alpha;
            int s = 0;
            if (!transA && PAIRED_PACK_A) {
                for (; s + 2 * MR <= mcur; s += 2 * MR) {
                    packSliverPair(pa, t, i0 + s, s * kcur, pc, kcur, al);
                }
            }
            for (; s < mcur; s += MR) {
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
                } else if (rows == MR && 2 * MR == L) {
                    // A is stored k x m: the MR values of one p are contiguous, one masked copy
                    for (int p = 0; p < kcur; p++) {
                        FloatVector v = FloatVector.fromArray(GemmMicroKernels.S, a, aOff + (pc + p) * lda + i0 + s,
                                FIRST_MR);
                        (al == 1f ? v : v.mul(al)).intoArray(pa, dst + p * MR, FIRST_MR);
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
         * Rows [row, row + 2*MR) of A (not transposed), k-range [pc, pc+kcur), scaled by al, into the two
         * column-major MR-high slivers at d0 and d0 + MR*kcur, 16 k values at a time through the 16x16
         * register transpose into t (256 floats), whose halves are each sliver's 8 rows.
         */
        private void packSliverPair(float[] pa, float[] t, int row, int d0, int pc, int kcur, float al) {
            int src = aOff + row * lda + pc;
            int d1 = d0 + MR * kcur;
            int p = 0;
            for (; p + L <= kcur; p += L) {
                RegisterTranspose.transpose(a, src + p, lda, t, 0, L, L, ZERO_BIAS, 0); // t[j*L + i] = A(row+i, p+j)
                for (int j = 0; j < L; j++) {
                    // full-width loads (the tile has L floats of slack past the 16x16 block), MR-lane stores
                    FloatVector lo = FloatVector.fromArray(GemmMicroKernels.S, t, j * L);
                    FloatVector hi = FloatVector.fromArray(GemmMicroKernels.S, t, j * L + MR);
                    if (al != 1f) {
                        lo = lo.mul(al);
                        hi = hi.mul(al);
                    }
                    lo.intoArray(pa, d0 + (p + j) * MR, FIRST_MR);
                    hi.intoArray(pa, d1 + (p + j) * MR, FIRST_MR);
                }
            }
            for (; p < kcur; p++) {
                for (int r = 0; r < MR; r++) {
                    pa[d0 + p * MR + r] = al * a[src + r * lda + p];
                    pa[d1 + p * MR + r] = al * a[src + (r + MR) * lda + p];
                }
            }
        }

        /**
         * Packs k-range [pc, pc+kcur) x columns [j0, j0+cols) of op(B) as one NR-wide sliver at dst:
         * element (p, j) at dst + p*NR + j, zero-padded to NR columns.
         */
        private void packB(int kcur, int pc, int j0, int cols, int dst) {
            final float[] pb = this.pb;
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
                // B is stored n x k: each column of op(B) is a contiguous run. A whole sliver goes L x L values
                // at a time through the register transpose; the k tail (and a partial sliver) value by value,
                // read contiguously and written with stride NR.
                int p0 = 0;
                if (TRANSPOSED_PACK_B && cols == NR) {
                    for (; p0 + L <= kcur; p0 += L) {
                        for (int v = 0; v < NR; v += L) {
                            // pb[dst + (p0+p)*NR + v + j] = op(B)(p0+p, j0+v+j) = b[(j0+v+j)*ldb + pc+p0+p]
                            RegisterTranspose.transpose(b, bOff + (j0 + v) * ldb + pc + p0, ldb, pb,
                                    dst + p0 * NR + v, NR, L, ZERO_BIAS, 0);
                        }
                    }
                }
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + j) * ldb + pc;
                    int d = dst + j;
                    for (int p = p0; p < kcur; p++) {
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
