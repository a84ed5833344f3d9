package dev.nabla.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.incubator.vector.FloatVector;

/**
 * Direct 2-d convolution on the Vector API (groups = 1, dilation = 1), for the small channel counts of
 * CNNs where im2col + GEMM spends more time building the column matrix than multiplying
 * (cpu-kernels.md section 4: direct NHWC beat im2col + GEMM by 2.2-3.5x on the bench shape).
 *
 * <p>Layouts are PyTorch's: input (N, C, H, W), weight (F, C, KH, KW), output (N, F, OH, OW),
 * OH = (H + 2*ph - KH) / sh + 1; every output array is overwritten. {@link Conv2dScalar} is the
 * reference twin with the same signatures.
 *
 * <p>How: the input is copied into a zero-padded NHWC buffer (H+2ph, W+2pw, C) per image, so the window
 * of an output pixel is KH runs of KW*C contiguous floats and no bounds checks are needed; weights go to
 * (KH, KW, C, F') with F' = F rounded up to the vector length. A micro-kernel keeps a block of
 * P output pixels x V filter vectors in registers ({@link ConvMicroKernels}): 14 x 2 vectors with
 * AVX-512, 7 x 1 with AVX2. With enough images each image is a task on {@link Parallel} (its tiles go to a
 * pixel-major buffer that is transposed into the NCHW planes); with few, output rows are the tasks
 * (each tile scattered to NCHW). The input gradient (stride 1) is the forward convolution of the output gradient
 * with the flipped, transposed weights; the weight gradient accumulates J consecutive (kw, c) values
 * x V filter vectors over each image's pixels, images split over threads, partial sums added in order.
 */
public final class Conv2dKernels {
    private static final int L = ConvMicroKernels.L;
    // AVX-512 (32 zmm registers): 14 pixels x 2 filter vectors, 28 accumulators, measured 224-239 GFLOP/s on
    // one thread (the weights for 32 filters, 51 KB at C=16 5x5, are streamed from L2 once per 14 pixels)
    // against 169-210 for 7x2 (which was itself 1.4-2x faster than 7x1). AVX2 (16 ymm registers): 6x2,
    // 12 accumulators + 2 weight vectors + 1 broadcast = 15 registers, ran the bench layer's taps at 123-128
    // GFLOP/s on one thread (92-94 % of the 256-bit FMA peak) against 73-86 for 7x1, whose 7 FMAs a tap
    // carry 8 loads, 7 bounds checks and the loop's own instructions (C2's code, read with a disassembler):
    // the front end, not the FMA units, was its limit. 7x2 (17 registers) spills.
    private static final int FWD = kernelIndex(ConvMicroKernels.FORWARD,
            System.getProperty("nabla.conv.kernel", ConvMicroKernels.L >= 16 ? "14x2" : "6x2"));
    private static final int FWD_P = ConvMicroKernels.FORWARD[FWD][0];
    private static final int FWD_V = ConvMicroKernels.FORWARD[FWD][1];
    /** Kernels for blocks of FWD_V filter vectors, up to FWD_P pixels, down to one; {@link RowBlocks} splits rows. */
    private static final RowBlocks WIDE = new RowBlocks(ladder(FWD_V, FWD_P));
    /**
     * Kernels for one filter vector (the last block when F' is not a multiple of FWD_V * L, or F <= L as in a
     * first layer): with 32 zmm registers 14 pixels x 1 vector keeps twice the accumulator chains of 7x1.
     */
    private static final int NARROW_P = L >= 16 && FWD_P * FWD_V >= 14 ? 14 : 7;
    private static final RowBlocks NARROW = new RowBlocks(ladder(1, NARROW_P));
    /**
     * The row tasks of small batches keep blocks of at most 7 pixels (tiles scattered straight to NCHW): with
     * 14 pixels batch-1 convnet inference latency measured 0.122-0.130 ms against 0.094-0.100 with 7.
     */
    private static final RowBlocks WIDE_ROWS = new RowBlocks(ladder(FWD_V, Math.min(FWD_P, 7)));
    private static final int TILE_FLOATS = Math.max(FWD_P * FWD_V, NARROW_P) * L;
    private static final int WG = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "8x" + (L >= 16 ? 2 : 1));
    private static final int WG_J = ConvMicroKernels.WEIGHT_GRAD[WG][0];
    private static final int WG_V = ConvMicroKernels.WEIGHT_GRAD[WG][1];
    private static final int WG_1 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "1x" + WG_V);
    private static final int WG_J1 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, WG_J + "x1");
    private static final int WG_11 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "1x1");
    private static final int WG_5 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "5x" + WG_V);
    private static final int WG_51 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "5x1");
    private static final int WG_4 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "4x" + WG_V);
    private static final int WG_41 = kernelIndex(ConvMicroKernels.WEIGHT_GRAD, "4x1");

    /**
     * Whether output rows at the top and bottom edges skip the kernel rows that read only zero padding
     * (oneDNN does; 8.6 % of the bench layer's taps; same sums, as the reference skips padded taps too).
     * Measured on the bench layer (allocating forward, 2 threads): 8 lanes 206-218 GFLOP/s with the skip
     * against 131-146 without. With 16 lanes the image tasks send such cut rows through {@link #CUT_ROWS}.
     * Property nabla.conv.skipPaddedRows=false turns it off.
     */
    private static final boolean SKIP_PADDED_ROWS = Boolean.parseBoolean(
            System.getProperty("nabla.conv.skipPaddedRows", "true"));
    /**
     * Blocks for the image tasks' rows whose window is cut by the top or bottom padding: at most 7 pixels.
     * The 16-lane 14x2 kernel (31 of 32 vector registers live) must only ever run whole windows: C2 compiled
     * it with its two weight vectors spilled to the stack (2.5-3x slower; read with a disassembler)
     * whenever its callers varied the kernel-row count, even for a byte-identical copy called only for the
     * cut rows. The 7-pixel kernels keep registers to spare. Bench layer, 16 lanes, 2 threads, interleaved
     * (probe calling the allocating forward, best of the last rounds, 5 runs each): 487-504 GFLOP/s (one
     * run 443) against 468-478 with every row through 14x2 and no skipping. With 8 lanes the widest kernel
     * (6x2) is narrower than this, so every row uses the same blocks.
     */
    private static final RowBlocks CUT_ROWS = new RowBlocks(ladder(FWD_V, Math.min(FWD_P, 7)));
    /**
     * Whether the image tasks compute the output columns whose windows overlap the left or right padding
     * ({@link EdgeColumns}) as column blocks over only the kernel columns that read the image. Default: with
     * 8-lane vectors only. Bench layer, allocating forward, 2 threads, emulated AVX2 (-XX:UseAVX=2), bench
     * conv2d_fwd lines interleaved: 229/215/240 GFLOP/s with against 213/219 without. With 16 lanes C2 again
     * compiled the 14x2 kernel with spilled weights (251-266 against 410-417 without; see CUT_ROWS).
     */
    private static final boolean SKIP_PADDED_COLUMNS = Boolean.parseBoolean(
            System.getProperty("nabla.conv.skipPaddedColumns", String.valueOf(L < 16)));
    /** Images a thread computes ahead while the allocating forward's output array is being allocated. */
    private static final int PENDING_IMAGES = 8;
    /** Images per thread from which each image is a task of its own (fewer: output rows are the tasks). */
    private static final int IMAGES_PER_THREAD = 2;
    /** Largest per-image padded input + pixel-major output (floats) for image tasks: stays within L2. */
    private static final int IMAGE_BUFFER_FLOATS = 1 << 18;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[6][0]);

    private Conv2dKernels() {
    }

    /** Forward kernels with v filter vectors and at most maxP pixels, by pixels descending (the last has 1). */
    private static int[] ladder(int v, int maxP) {
        return java.util.stream.IntStream.range(0, ConvMicroKernels.FORWARD.length)
                .filter(i -> ConvMicroKernels.FORWARD[i][1] == v && ConvMicroKernels.FORWARD[i][0] <= maxP)
                .boxed().sorted((i, j) -> ConvMicroKernels.FORWARD[j][0] - ConvMicroKernels.FORWARD[i][0])
                .mapToInt(Integer::intValue).toArray();
    }

    private static int kernelIndex(int[][] shapes, String name) {
        for (int i = 0; i < shapes.length; i++) {
            if (name.equals(shapes[i][0] + "x" + shapes[i][1])) {
                return i;
            }
        }
        throw new IllegalArgumentException("no conv micro-kernel " + name);
    }

    /** Threads worth using for this many multiply-adds (or copies): one per 32K, at most the pool's. */
    private static int threadsFor(long work) {
        return (int) Math.max(1, Math.min(Parallel.threads(), work >> 15));
    }

    static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) {
            s[slot] = new float[size];
        }
        return s[slot];
    }

    /** out = conv2d(x, weight) + bias (bias may be null). */
    public static void forward(float[] x, int xOff, int n, int c, int h, int w,
                               float[] wt, int wOff, int f, int kh, int kw, float[] bias, int bOff,
                               int sh, int sw, int ph, int pw, float[] out, int oOff) {
        forward(x, xOff, n, c, h, w, wt, wOff, f, kh, kw, bias, bOff, sh, sw, ph, pw, out, oOff, false);
    }

    /** As {@link #forward}, but adds to out's old contents when {@code accumulate}. */
    public static void forward(float[] x, int xOff, int n, int c, int h, int w,
                               float[] wt, int wOff, int f, int kh, int kw, float[] bias, int bOff,
                               int sh, int sw, int ph, int pw, float[] out, int oOff, boolean accumulate) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        if (n <= 0 || f <= 0 || oh <= 0 || ow <= 0) {
            return;
        }
        int fp = (f + L - 1) / L * L;
        float[] wp = scratch(1, kh * kw * c * fp);
        packWeights(wt, wOff, f, c, kh, kw, false, fp, wp);
        convolve(x, xOff, n, c, h, w, wp, f, fp, kh, kw, bias, bOff, sh, sw, ph, pw, out, oOff, accumulate);
    }

    /**
     * As {@link #forward}, into a new array (N, F, OH, OW). With image tasks, the first thread to start
     * allocates the array (the JVM zeroes it: about 0.1 ms for the 2.5 MB of the bench layer) while the others
     * already compute images into pending buffers, written out once the array is there; the serial
     * allocation before the call otherwise left the other threads idle.
     */
    public static float[] forward(float[] x, int xOff, int n, int c, int h, int w,
                                  float[] wt, int wOff, int f, int kh, int kw, float[] bias, int bOff,
                                  int sh, int sw, int ph, int pw) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        int fp = (f + L - 1) / L * L;
        int ohw = oh * ow;
        int threads = threadsFor((long) n * ohw * f * kh * kw * c);
        if (n <= 0 || f <= 0 || oh <= 0 || ow <= 0 || threads < 2
                || !imageTasks(n, threads, ohw * fp + (h + 2 * ph) * (w + 2 * pw) * c)) {
            float[] out = new float[Math.max(0, n * f * oh * ow)];
            forward(x, xOff, n, c, h, w, wt, wOff, f, kh, kw, bias, bOff, sh, sw, ph, pw, out, 0, false);
            return out;
        }
        float[] wp = scratch(1, kh * kw * c * fp);
        packWeights(wt, wOff, f, c, kh, kw, false, fp, wp);
        ImageConv ic = new ImageConv(x, xOff, c, h, w, wp, f, fp, kh, kw, bias, bOff, sh, sw, ph, pw, false);
        int size = n * f * ohw;
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean claimed = new AtomicBoolean();
        AtomicReference<Object> result = new AtomicReference<>(); // the array, or the allocation's failure
        int pendingMax = Math.max(1, Math.min(PENDING_IMAGES, IMAGE_BUFFER_FLOATS / (ohw * fp)));
        Parallel.forTasks(threads, threads, member -> {
            if (claimed.compareAndSet(false, true)) {
                try {
                    result.set(FreshArrays.floats(size));
                } catch (Throwable e) {
                    result.set(e);
                    throw e;
                }
            }
            float[] st = scratch(2, pendingMax * ohw * fp);
            int[] pending = new int[pendingMax];
            int np = 0;
            float[] out = null;
            for (int ni; (ni = next.getAndIncrement()) < n; ) {
                if (out == null && result.get() instanceof float[] ready) {
                    out = ready;
                }
                if (out != null) {
                    for (int i = 0; i < np; i++) {
                        ic.flush(pending[i], st, i * ohw * fp, out, 0);
                    }
                    np = 0;
                    ic.image(ni, st, 0, out, 0);
                } else {
                    ic.image(ni, st, np * ohw * fp, null, 0);
                    pending[np++] = ni;
                    if (np == pendingMax) {
                        out = await(result);
                        for (int i = 0; i < np; i++) {
                            ic.flush(pending[i], st, i * ohw * fp, out, 0);
                        }
                        np = 0;
                    }
                }
            }
            if (np > 0) {
                out = await(result);
                for (int i = 0; i < np; i++) {
                    ic.flush(pending[i], st, i * ohw * fp, out, 0);
                }
            }
        });
        return (float[]) result.get();
    }

    /** Spins until the output array is published (or its allocation failed). */
    private static float[] await(AtomicReference<Object> result) {
        Object r;
        while ((r = result.get()) == null) {
            Thread.onSpinWait();
        }
        if (r instanceof float[] out) {
            return out;
        }
        throw new IllegalStateException("conv2d: the output allocation failed", (Throwable) r);
    }

    /** Whether each image is a task: every thread gets 2+ images and an image's buffers fit in L2. */
    private static boolean imageTasks(int n, int threads, long imageFloats) {
        return n >= IMAGES_PER_THREAD * threads && imageFloats <= IMAGE_BUFFER_FLOATS;
    }

    /**
     * The image-task path for one convolution: pads an image into a thread-local NHWC buffer, runs every
     * output row through the micro-kernels into a pixel-major (OH*OW, fp) buffer, and transposes that
     * into the image's NCHW planes.
     */
    private static final class ImageConv {
        final float[] x;
        final int xOff, c, h, w, f, fp, kh, kw, sh, sw, ph, pw, oh, ow, hp, xRow, kwc, bOff;
        final float[] wp;
        final float[] bias;
        final boolean accumulate;
        // whether the register transpose writes the planes (16- and 8-lane vectors, see RegisterTranspose)
        final boolean blocks;
        /** Output columns [left, right) read no padding columns; the others are {@link #edges}. */
        final int left, right;
        final EdgeColumns edges;

        ImageConv(float[] x, int xOff, int c, int h, int w, float[] wp, int f, int fp, int kh, int kw, float[] bias,
                  int bOff, int sh, int sw, int ph, int pw, boolean accumulate) {
            this.x = x;
            this.xOff = xOff;
            this.c = c;
            this.h = h;
            this.w = w;
            this.wp = wp;
            this.f = f;
            this.fp = fp;
            this.kh = kh;
            this.kw = kw;
            this.bias = bias;
            this.bOff = bOff;
            this.sh = sh;
            this.sw = sw;
            this.ph = ph;
            this.pw = pw;
            this.accumulate = accumulate;
            this.oh = (h + 2 * ph - kh) / sh + 1;
            this.ow = (w + 2 * pw - kw) / sw + 1;
            this.hp = h + 2 * ph;
            this.xRow = (w + 2 * pw) * c;
            this.kwc = kw * c;
            this.blocks = RegisterTranspose.LANES && !accumulate;
            if (SKIP_PADDED_COLUMNS) {
                // column x reads input columns x*sw - pw + [0, kw): inside the image from x >= pw/sw on,
                // and up to the last x with x*sw - pw + kw <= w
                this.left = Math.min(ow, (pw + sw - 1) / sw);
                this.right = Math.max(left, Math.min(ow, w + pw - kw >= 0 ? (w + pw - kw) / sw + 1 : 0));
                this.edges = left > 0 || right < ow ? new EdgeColumns(wp, fp, c, w, kh, kw, sw, pw, ow, left, right) : null;
            } else {
                this.left = 0;
                this.right = ow;
                this.edges = null;
            }
        }

        /**
         * Image ni into st at so; with out, also into out's planes (after each row, so the stores overlap the
         * next row's arithmetic); with out null, {@link #flush} writes it later.
         */
        void image(int ni, float[] st, int so, float[] out, int oOff) {
            float[] xp = scratch(0, hp * xRow);
            padImage(x, xOff + ni * c * h * w, c, h, w, ph, pw, xp, 0, true);
            int ohw = oh * ow;
            int o = oOff + ni * f * ohw;
            float[] bp = blocks && out != null ? paddedBias(bias, bOff, f, fp) : null;
            int done = 0;
            if (edges != null) {
                // first, so that every row is complete when the row loop below has passed it
                edges.compute(xp, xRow, oh, sh, ph, h, st, so);
            }
            for (int y = 0; y < oh; y++) {
                int r0 = firstTapRow(y * sh - ph);
                int r1 = endTapRow(y * sh - ph, kh, h);
                row(xp, y * sh * xRow + left * sw * c, sw * c, xRow, wp, fp, r0, r1, kwc, right - left,
                        r1 - r0 < kh ? CUT_ROWS : WIDE, st, so + (y * ow + left) * fp, fp, null, 0, 0, 0, null, 0,
                        0, 0, false);
                if (bp != null) {
                    done = unstageBlocks(st, so, done, (y + 1) * ow, ohw, fp, f, bp, out, o);
                }
            }
            if (out != null) {
                unstageScalar(st, so, ohw, done, fp, f, bias, bOff, out, o, accumulate);
            }
        }

        /** Writes image ni, computed into st at so by {@link #image} without out, into out's planes. */
        void flush(int ni, float[] st, int so, float[] out, int oOff) {
            int ohw = oh * ow;
            int o = oOff + ni * f * ohw;
            int done = blocks ? unstageBlocks(st, so, 0, ohw, ohw, fp, f, paddedBias(bias, bOff, f, fp), out, o) : 0;
            unstageScalar(st, so, ohw, done, fp, f, bias, bOff, out, o, accumulate);
        }
    }

    /**
     * out = conv(x, packed weights wp (KH, KW, C, fp)) + bias. With enough images for every thread, each
     * image is one task: it is padded into a small thread-local NHWC buffer, every output row's tiles are
     * written by the micro-kernels into a thread-local pixel-major (OH*OW, fp) buffer with plain vector
     * stores, and that buffer is transposed into the image's NCHW planes (L x L register transposes after
     * each row with 16 or 8 lanes, scalar otherwise and for the pixel tail). Both buffers stay in L1/L2 and every
     * output element is written once. The scalar scatter of each tile straight into NCHW cost 11-13% of
     * the forward in a JFR profile. With fewer images (batch-1 inference), output rows are the tasks and
     * each tile is scattered to NCHW directly.
     */
    private static void convolve(float[] x, int xOff, int n, int c, int h, int w, float[] wp, int f, int fp,
                                 int kh, int kw, float[] bias, int bOff, int sh, int sw, int ph, int pw,
                                 float[] out, int oOff, boolean accumulate) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        int hp = h + 2 * ph;
        int wpad = w + 2 * pw;
        int kwc = kw * c;
        int xRow = wpad * c;
        int ohw = oh * ow;
        int threads = threadsFor((long) n * ohw * f * kh * kwc);
        if (imageTasks(n, threads, ohw * fp + hp * xRow)) {
            ImageConv ic = new ImageConv(x, xOff, c, h, w, wp, f, fp, kh, kw, bias, bOff, sh, sw, ph, pw, accumulate);
            Parallel.forTasks(n, threads, ni -> {
                float[] st = scratch(2, ohw * fp);
                ic.image(ni, st, 0, out, oOff);
            });
            return;
        }
        float[] xp = scratch(0, n * hp * xRow);
        padToNhwc(x, xOff, n, c, h, w, ph, pw, xp);
        Parallel.forTasks(n * oh, threads, task -> {
            int ni = task / oh;
            int y = task % oh;
            float[] tile = scratch(2, TILE_FLOATS);
            row(xp, (ni * hp + y * sh) * xRow, sw * c, xRow, wp, fp, firstTapRow(y * sh - ph),
                    endTapRow(y * sh - ph, kh, h), kwc, ow, WIDE_ROWS, tile, 0, -1, bias, bOff, f,
                    oOff, out, ni, oh, y, accumulate);
        });
    }

    /** bias (or zeros) in a thread-local array of fp floats, zero past f. */
    private static float[] paddedBias(float[] bias, int bOff, int f, int fp) {
        float[] bp = scratch(3, fp);
        Arrays.fill(bp, 0f);
        if (bias != null) {
            System.arraycopy(bias, bOff, bp, 0, f);
        }
        return bp;
    }

    /**
     * The first kernel row whose input row is in the image, for a window whose top input row is {@code top}
     * (negative in the top padding): the rows above it read only the zero padding. Only with
     * {@link #SKIP_PADDED_ROWS}; else 0.
     */
    static int firstTapRow(int top) {
        return SKIP_PADDED_ROWS ? Math.max(0, -top) : 0;
    }

    /** One past the last kernel row (of kh) whose input row is in the image (h rows) for a window at top. */
    static int endTapRow(int top, int kh, int h) {
        return SKIP_PADDED_ROWS ? Math.max(0, Math.min(kh, h - top)) : kh;
    }

    /**
     * One output row: blocks of pixels x filter vectors through the micro-kernels, over kernel rows [r0, r1)
     * only (see {@link #SKIP_PADDED_ROWS}); {@code wide} cuts the row into blocks of FWD_V filter vectors
     * ({@link #NARROW} those of one). With
     * {@code ts >= 0} the tiles go to the pixel-major buffer {@code tile} (pixel stride ts, starting at
     * to + f0); else each tile (pixel stride = its filter width) is scattered to NCHW {@code out} for image
     * ni, row y.
     */
    private static void row(float[] xp, int rowBase, int xStep, int xRow, float[] wp, int fp, int r0, int r1,
                            int kwc, int ow, RowBlocks wide, float[] tile, int to, int ts, float[] bias, int bOff,
                            int f, int oOff, float[] out, int ni, int oh, int y, boolean accumulate) {
        boolean staged = ts >= 0;
        int kh = Math.max(0, r1 - r0);
        rowBase += r0 * xRow;
        int wo = r0 * kwc * fp;
        for (int f0 = 0; f0 < fp; ) {
            int v = filterVectors(f0, fp);
            int[] blocks = (v == FWD_V ? wide : NARROW).plan(ow);
            int xo = 0;
            for (int id : blocks) {
                int p = ConvMicroKernels.FORWARD[id][0];
                int xs = rowBase + xo * xStep;
                if (staged) {
                    ConvMicroKernels.forward(id, xp, xs, xStep, xRow, wp, wo + f0, fp, kh, kwc, tile,
                            to + xo * ts + f0, ts);
                } else {
                    ConvMicroKernels.forward(id, xp, xs, xStep, xRow, wp, wo + f0, fp, kh, kwc, tile, 0, v * L);
                    scatter(tile, p, v, f0, f, bias, bOff, out, oOff, ni, oh, ow, y, xo, accumulate);
                }
                xo += p;
            }
            f0 += v * L;
        }
    }

    /** Filter vectors per block from filter f0 on (of fp): the wide kernels' count while it fits, else one. */
    static int filterVectors(int f0, int fp) {
        return f0 + FWD_V * L <= fp ? FWD_V : 1;
    }

    /** Kernel blocks for n pixels of v filter vectors going to a pixel-major buffer (the image tasks). */
    static int[] stagedPlan(int v, int n) {
        return (v == FWD_V ? WIDE : NARROW).plan(n);
    }

    private static final jdk.incubator.vector.VectorSpecies<Float> S = ConvMicroKernels.S;
    private static final ThreadLocal<int[]> GATHER = ThreadLocal.withInitial(() -> new int[0]);

    /**
     * With 16- or 8-lane vectors: out (F, OH*OW) of one image, pixels [p0, ready) rounded down to whole blocks of L,
     * = the pixel-major buffer st (OH*OW, fp) transposed through the register transpose, plus the padded bias
     * bp (fp values). Called after each output row, so the stores to out overlap the next row's arithmetic.
     * Returns the first pixel not yet written.
     */
    private static int unstageBlocks(float[] st, int so, int p0, int ready, int ohw, int fp, int f, float[] bp,
                                     float[] out, int o) {
        for (; p0 + L <= ready; p0 += L) {
            for (int f0 = 0; f0 < f; f0 += L) {
                RegisterTranspose.transpose(st, so + p0 * fp + f0, fp, out, o + f0 * ohw + p0, ohw,
                        Math.min(L, f - f0), bp, f0);
            }
        }
        return p0;
    }

    /** out (F, OH*OW) of one image, pixels [p0, OH*OW), = (or +=) the pixel-major buffer st transposed, plus the bias. */
    private static void unstageScalar(float[] st, int so, int ohw, int p0, int fp, int f, float[] bias, int bOff, float[] out, int o,
                                boolean accumulate) {
        for (int fo = 0; fo < f; fo++, o += ohw) {
            float b0 = bias == null ? 0f : bias[bOff + fo];
            if (accumulate) {
                for (int p = p0, s = so + p0 * fp + fo; p < ohw; p++, s += fp) {
                    out[o + p] += st[s] + b0;
                }
            } else {
                for (int p = p0, s = so + p0 * fp + fo; p < ohw; p++, s += fp) {
                    out[o + p] = st[s] + b0;
                }
            }
        }
    }

    /** Writes a tile of pixels x filters (pixel-major) to NCHW output, adding the bias. */
    private static void scatter(float[] tile, int pixels, int v, int f0, int f, float[] bias, int bOff,
                                float[] out, int oOff, int ni, int oh, int ow, int y, int xo, boolean accumulate) {
        int width = v * L;
        int fEnd = Math.min(f, f0 + width);
        for (int fo = f0; fo < fEnd; fo++) {
            float b0 = bias == null ? 0f : bias[bOff + fo];
            int o = oOff + ((ni * f + fo) * oh + y) * ow + xo;
            int t = fo - f0;
            if (accumulate) {
                for (int q = 0; q < pixels; q++) {
                    out[o + q] += tile[q * width + t] + b0;
                }
            } else {
                for (int q = 0; q < pixels; q++) {
                    out[o + q] = tile[q * width + t] + b0;
                }
            }
        }
    }

    /**
     * Copies x (N, C, H, W) into a zero-bordered NHWC buffer (N, H+2ph, W+2pw, C). Only the border is
     * zeroed (the interior is overwritten), and each pixel's C values are written as one contiguous run.
     */
    private static void padToNhwc(float[] x, int xOff, int n, int c, int h, int w, int ph, int pw, float[] xp) {
        int imgLen = (h + 2 * ph) * (w + 2 * pw) * c;
        Parallel.forTasks(n, threadsFor((long) n * c * h * w),
                ni -> padImage(x, xOff + ni * c * h * w, c, h, w, ph, pw, xp, ni * imgLen, false));
    }

    /** One image of {@link #padToNhwc}: x (C, H, W) at img into xp (H+2ph, W+2pw, C) at base. */
    private static void padImage(float[] x, int img, int c, int h, int w, int ph, int pw, float[] xp, int base,
                                 boolean transpose) {
        int hp = h + 2 * ph;
        int rowLen = (w + 2 * pw) * c;
        int plane = h * w;
        Arrays.fill(xp, base, base + ph * rowLen, 0f);
        Arrays.fill(xp, base + (ph + h) * rowLen, base + hp * rowLen, 0f);
        for (int y = 0; y < h; y++) {
            int row = base + (y + ph) * rowLen;
            Arrays.fill(xp, row, row + pw * c, 0f);
            Arrays.fill(xp, row + (pw + w) * c, row + rowLen, 0f);
        }
        int p0 = 0;
        if (transpose && RegisterTranspose.LANES && c % L == 0) {
            // L channels x L consecutive pixels (of the flattened plane, so rows narrower than L work too)
            // through the register transpose into tmp, then each pixel's L channels to its padded place
            float[] tmp = scratch(4, L * L + L);
            Arrays.fill(tmp, L * L, L * L + L, 0f); // the "bias" added by the transpose
            for (; p0 + L <= plane; p0 += L) {
                for (int c0 = 0; c0 < c; c0 += L) {
                    RegisterTranspose.transpose(x, img + c0 * plane + p0, plane, tmp, 0, L, L, tmp, L * L);
                    for (int j = 0; j < L; j++) {
                        int p = p0 + j;
                        int y = p / w;
                        FloatVector.fromArray(ConvMicroKernels.S, tmp, j * L)
                                .intoArray(xp, base + (y + ph) * rowLen + (p - y * w + pw) * c + c0);
                    }
                }
            }
        }
        if (p0 > 0) {
            for (int p = p0; p < plane; p++) {
                int y = p / w;
                int dst = base + (y + ph) * rowLen + (p - y * w + pw) * c;
                for (int ci = 0; ci < c; ci++) {
                    xp[dst + ci] = x[img + p + ci * plane];
                }
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            int dst = base + (y + ph) * rowLen + pw * c;
            int src = img + y * w;
            for (int q = 0; q < w; q++, dst += c) {
                int sq = src + q;
                for (int ci = 0; ci < c; ci++) {
                    xp[dst + ci] = x[sq + ci * plane];
                }
            }
        }
    }

    /**
     * Weights (F, C, KH, KW) to (KH, KW, C, F') with zero-padded filters. With {@code flipTranspose}
     * the source is read as the input-gradient weights: filters and channels swapped, window flipped.
     */
    private static void packWeights(float[] wt, int wOff, int f, int c, int kh, int kw, boolean flipTranspose,
                                    int fp, float[] wp) {
        // When flipTranspose, the packed "filters" are the original channels (count c) and the packed
        // "channels" the original filters: packed (r, q, ci=orig f, fo=orig c) = wt[f][c][kh-1-r][kw-1-q].
        int outF = flipTranspose ? c : f;
        int inC = flipTranspose ? f : c;
        int khw = kh * kw;
        // in the order of wp, so each run of fp floats is written once and contiguously (the caller is alone
        // while it packs: the other threads wait for the weights)
        for (int r = 0; r < kh; r++) {
            for (int q = 0; q < kw; q++) {
                for (int ci = 0; ci < inC; ci++) {
                    int dst = ((r * kw + q) * inC + ci) * fp;
                    int src = flipTranspose ? wOff + ci * c * khw + (kh - 1 - r) * kw + (kw - 1 - q)
                            : wOff + ci * khw + r * kw + q;
                    int step = flipTranspose ? khw : c * khw;
                    for (int fo = 0; fo < outF; fo++, src += step) {
                        wp[dst + fo] = wt[src];
                    }
                    Arrays.fill(wp, dst + outF, dst + fp, 0f);
                }
            }
        }
    }

    /** Whether {@link #backwardInput} has a direct (vectorised) path for this geometry; else it runs the scalar twin. */
    public static boolean hasDirectInputGradient(int kh, int kw, int sh, int sw, int ph, int pw) {
        return sh == 1 && sw == 1 && ph <= kh - 1 && pw <= kw - 1;
    }

    /** gx = gradient of conv2d with respect to its input, given gy (N, F, OH, OW). */
    public static void backwardInput(float[] gy, int gyOff, float[] wt, int wOff, int n, int c, int h, int w,
                                     int f, int kh, int kw, int sh, int sw, int ph, int pw, float[] gx, int gxOff) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        boolean direct = hasDirectInputGradient(kh, kw, sh, sw, ph, pw) && oh > 0 && ow > 0;
        if (!direct) {
            Conv2dScalar.backwardInput(gy, gyOff, wt, wOff, n, c, h, w, f, kh, kw, sh, sw, ph, pw, gx, gxOff);
            return;
        }
        // Stride 1: gx = conv2d(gy, flip(transpose(w)), padding kh-1-ph), which has exactly H x W outputs.
        int fpC = (c + L - 1) / L * L;
        float[] wFlip = new float[kh * kw * f * fpC];
        packWeights(wt, wOff, f, c, kh, kw, true, fpC, wFlip);
        convolve(gy, gyOff, n, f, oh, ow, wFlip, c, fpC, kh, kw, null, 0, 1, 1, kh - 1 - ph, kw - 1 - pw, gx, gxOff, false);
    }

    /** gw = gradient of conv2d with respect to its weight (F, C, KH, KW), given gy and the input x. */
    public static void backwardWeight(float[] gy, int gyOff, float[] x, int xOff, int n, int c, int h, int w,
                                      int f, int kh, int kw, int sh, int sw, int ph, int pw, float[] gw, int gwOff) {
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (w + 2 * pw - kw) / sw + 1;
        if (f <= 0 || c <= 0) {
            return;
        }
        if (n <= 0 || oh <= 0 || ow <= 0) {
            Arrays.fill(gw, gwOff, gwOff + f * c * kh * kw, 0f);
            return;
        }
        int hp = h + 2 * ph;
        int wpad = w + 2 * pw;
        int fp = (f + L - 1) / L * L;
        float[] xp = scratch(0, n * hp * wpad * c);
        padToNhwc(x, xOff, n, c, h, w, ph, pw, xp);
        // gy (N, F, OH, OW) -> (N, OH, OW, F') so a pixel's filters are one contiguous vector run.
        float[] g = scratch(1, n * oh * ow * fp);
        int ohw = oh * ow;
        Parallel.forTasks(n, threadsFor((long) n * f * ohw), ni -> {
            // pixel-major so each pixel's F values are one contiguous write; only the pad lanes are zeroed
            int src = gyOff + ni * f * ohw;
            int dst = ni * ohw * fp;
            for (int p = 0; p < ohw; p++, dst += fp) {
                int sp = src + p;
                for (int fo = 0; fo < f; fo++) {
                    g[dst + fo] = gy[sp + fo * ohw];
                }
                if (fp > f) {
                    Arrays.fill(g, dst + f, dst + fp, 0f);
                }
            }
        });
        int jn = kw * c;
        int part = kh * jn * fp;
        int chunks = Math.min(n, threadsFor((long) n * oh * ow * f * kh * jn));
        float[][] partial = new float[chunks][part];
        int xRow = sh * wpad * c;
        Parallel.forTasks(chunks, chunks, t -> {
            float[] acc = partial[t];
            int n0 = (int) ((long) n * t / chunks);
            int n1 = (int) ((long) n * (t + 1) / chunks);
            for (int ni = n0; ni < n1; ni++) {
                int go = ni * oh * ow * fp;
                for (int r = 0; r < kh; r++) {
                    int xo = (ni * hp + r) * wpad * c;
                    for (int f0 = 0; f0 < fp; ) {
                        boolean wide = f0 + WG_V * L <= fp;
                        int v = wide ? WG_V : 1;
                        int j = 0;
                        for (; j + WG_J <= jn; j += WG_J) {
                            ConvMicroKernels.weightGrad(wide ? WG : WG_J1, xp, xo + j, sw * c, xRow, g, go + f0,
                                    ow * fp, fp, oh, ow, acc, (r * jn + j) * fp + f0);
                        }
                        // the tail (all of it when kw * c < J, e.g. a 1-channel first layer) in the widest
                        // blocks that fit: a 1-wide block has one accumulator chain and is FMA-latency bound
                        while (j < jn) {
                            int rem = jn - j;
                            int jj = rem >= 5 ? 5 : rem >= 4 ? 4 : 1;
                            int id = jj == 5 ? (wide ? WG_5 : WG_51) : jj == 4 ? (wide ? WG_4 : WG_41)
                                    : (wide ? WG_1 : WG_11);
                            ConvMicroKernels.weightGrad(id, xp, xo + j, sw * c, xRow, g, go + f0,
                                    ow * fp, fp, oh, ow, acc, (r * jn + j) * fp + f0);
                            j += jj;
                        }
                        f0 += v * L;
                    }
                }
            }
        });
        for (int fo = 0; fo < f; fo++) {
            for (int ci = 0; ci < c; ci++) {
                for (int r = 0; r < kh; r++) {
                    for (int q = 0; q < kw; q++) {
                        int src = (r * jn + q * c + ci) * fp + fo;
                        float s = 0f;
                        for (float[] p : partial) {
                            s += p[src];
                        }
                        gw[gwOff + ((fo * c + ci) * kh + r) * kw + q] = s;
                    }
                }
            }
        }
    }
}
