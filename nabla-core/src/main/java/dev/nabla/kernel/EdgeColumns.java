package dev.nabla.kernel;

/**
 * The output columns of a direct convolution whose windows overlap the left or right zero padding, computed
 * as column blocks (a micro-kernel's P pixels are P consecutive output rows of one column) over only the
 * kernel columns that read the image.
 *
 * <p>Why: the row blocks of {@link Conv2dKernels} share one tap range, so a block at a row's edge also
 * multiplies the padding columns by their weights. In a column every pixel has the same in-image kernel
 * columns [k0, k1), so a column block can run the unchanged micro-kernels over taps (kernel row, k0..k1,
 * channel) if those weights are contiguous: each edge column gets a copy of the packed weights cut to its
 * kernel columns, (KH, k1 - k0, C, fp). The bench layer (14 x 14, 5 x 5, padding 2) has 8.2 % of its taps
 * in padding columns (oneDNN skips them too). The taps kept are summed in the same order as by a row block,
 * and the ones left out add exact zeros there, so the outputs are the same.
 */
final class EdgeColumns {
    private static final int L = ConvMicroKernels.L;

    private final int fp;
    private final int c;
    private final int kh;
    private final int sw;
    private final int ow;
    /** Per edge column: its output column, first tap of a kernel row, taps per kernel row, weight pack offset. */
    private final int[] column;
    private final int[] firstTap;
    private final int[] taps;
    private final int[] packAt;
    private final float[] packs;

    /**
     * For a convolution with packed weights wp (KH, KW, C, fp), input width w, stride sw and padding pw along
     * the width, whose output columns [left, right) of ow read no padding; the packs are written to the
     * calling thread's scratch, so build one per call, on the calling thread.
     */
    EdgeColumns(float[] wp, int fp, int c, int w, int kh, int kw, int sw, int pw, int ow, int left, int right) {
        this.fp = fp;
        this.c = c;
        this.kh = kh;
        this.sw = sw;
        this.ow = ow;
        int count = left + ow - right;
        column = new int[count];
        firstTap = new int[count];
        taps = new int[count];
        packAt = new int[count];
        int total = 0;
        for (int e = 0; e < count; e++) {
            int x = e < left ? e : right + e - left;
            int k0 = Math.max(0, pw - x * sw);
            int k1 = Math.max(k0, Math.min(kw, w + pw - x * sw));
            column[e] = x;
            firstTap[e] = k0 * c;
            taps[e] = (k1 - k0) * c;
            packAt[e] = total;
            total += kh * taps[e] * fp;
        }
        packs = Conv2dKernels.scratch(5, total);
        for (int e = 0; e < count; e++) {
            int run = taps[e] * fp;
            for (int r = 0; r < kh; r++) {
                System.arraycopy(wp, (r * kw * c + firstTap[e]) * fp, packs, packAt[e] + r * run, run);
            }
        }
    }

    /**
     * Computes the edge columns of one image: xp is its zero-padded NHWC copy (rows xRow floats apart), oh
     * its output rows (stride sh, padding ph, input height h), st at so the pixel-major (OH*OW, fp) output.
     */
    void compute(float[] xp, int xRow, int oh, int sh, int ph, int h, float[] st, int so) {
        int xStep = sh * xRow;
        for (int e = 0; e < column.length; e++) {
            int x = column[e];
            int kwc = taps[e];
            for (int f0 = 0; f0 < fp; ) {
                int v = Conv2dKernels.filterVectors(f0, fp);
                int y0 = 0;
                for (int id : Conv2dKernels.stagedPlan(v, oh)) {
                    int p = ConvMicroKernels.FORWARD[id][0];
                    // the kernel rows that any of the block's rows needs (all of them inside the image)
                    int r0 = Conv2dKernels.firstTapRow((y0 + p - 1) * sh - ph);
                    int r1 = Math.max(r0, Conv2dKernels.endTapRow(y0 * sh - ph, kh, h));
                    int xs = (y0 * sh + r0) * xRow + x * sw * c + firstTap[e];
                    int wo = packAt[e] + r0 * kwc * fp + f0;
                    ConvMicroKernels.forward(id, xp, xs, xStep, xRow, packs, wo, fp, r1 - r0, kwc, st,
                            so + (y0 * ow + x) * fp + f0, ow * fp);
                    y0 += p;
                }
                f0 += v * L;
            }
        }
    }
}
