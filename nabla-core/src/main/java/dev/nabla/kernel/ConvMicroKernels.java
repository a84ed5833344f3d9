package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked micro-kernels for the direct convolution in {@link Conv2dKernels}. Generated code
 * (one method per block shape); L is the preferred vector length.
 *
 * <p>Forward kernel {@code fPxV}: P output pixels of one row times V vectors of filters, accumulated over
 * the KH rows of the window and the KW*C contiguous (kw, c) values of padded NHWC input:
 * {@code tile[q*V*L + v*L + lane] = sum_{r, j} x[xo + r*xRow + q*xStep + j] * w[wo + (r*kwc + j)*fp + v*L + lane]}.
 *
 * <p>Weight-gradient kernel {@code gJxV}: J consecutive (kw, c) values times V filter vectors, accumulated over
 * {@code rows} rows of {@code pixels} output pixels: {@code acc[jj][v] += x[xo + row*xRow + p*xStep + jj] *
 * gy[go + row*gyRow + p*fp + v*L..]},
 * added into {@code gw[wo + jj*fp + v*L]}.
 */
final class ConvMicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private ConvMicroKernels() {
    }

    static final int[][] FORWARD = {{7, 1}, {7, 2}, {4, 2}, {4, 1}, {14, 1}, {1, 1}, {1, 2}};
    static final int[][] WEIGHT_GRAD = {{8, 1}, {8, 2}, {4, 2}, {1, 1}, {1, 2}};

    static void forward(int id, float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc,
                        float[] tile) {
        switch (id) {
            case 0 -> f7x1(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 1 -> f7x2(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 2 -> f4x2(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 3 -> f4x1(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 4 -> f14x1(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 5 -> f1x1(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            case 6 -> f1x2(x, xo, xStep, xRow, w, wo, fp, kh, kwc, tile);
            default -> throw new IllegalArgumentException("no conv kernel " + id);
        }
    }

    static void weightGrad(int id, float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp,
                           int rows, int pixels, float[] gw, int wo) {
        switch (id) {
            case 0 -> g8x1(x, xo, xStep, xRow, gy, go, gyRow, fp, rows, pixels, gw, wo);
            case 1 -> g8x2(x, xo, xStep, xRow, gy, go, gyRow, fp, rows, pixels, gw, wo);
            case 2 -> g4x2(x, xo, xStep, xRow, gy, go, gyRow, fp, rows, pixels, gw, wo);
            case 3 -> g1x1(x, xo, xStep, xRow, gy, go, gyRow, fp, rows, pixels, gw, wo);
            case 4 -> g1x2(x, xo, xStep, xRow, gy, go, gyRow, fp, rows, pixels, gw, wo);
            default -> throw new IllegalArgumentException("no conv kernel " + id);
        }
    }

    static void f7x1(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S);
        FloatVector a4_0 = FloatVector.zero(S);
        FloatVector a5_0 = FloatVector.zero(S);
        FloatVector a6_0 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xr + j + 1 * xStep]);
                a1_0 = x1.fma(w0, a1_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xr + j + 2 * xStep]);
                a2_0 = x2.fma(w0, a2_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xr + j + 3 * xStep]);
                a3_0 = x3.fma(w0, a3_0);
                FloatVector x4 = FloatVector.broadcast(S, x[xr + j + 4 * xStep]);
                a4_0 = x4.fma(w0, a4_0);
                FloatVector x5 = FloatVector.broadcast(S, x[xr + j + 5 * xStep]);
                a5_0 = x5.fma(w0, a5_0);
                FloatVector x6 = FloatVector.broadcast(S, x[xr + j + 6 * xStep]);
                a6_0 = x6.fma(w0, a6_0);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a1_0.intoArray(tile, 1 * L);
        a2_0.intoArray(tile, 2 * L);
        a3_0.intoArray(tile, 3 * L);
        a4_0.intoArray(tile, 4 * L);
        a5_0.intoArray(tile, 5 * L);
        a6_0.intoArray(tile, 6 * L);
    }

    static void f7x2(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S), a0_1 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S), a1_1 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S), a2_1 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S), a3_1 = FloatVector.zero(S);
        FloatVector a4_0 = FloatVector.zero(S), a4_1 = FloatVector.zero(S);
        FloatVector a5_0 = FloatVector.zero(S), a5_1 = FloatVector.zero(S);
        FloatVector a6_0 = FloatVector.zero(S), a6_1 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector w1 = FloatVector.fromArray(S, w, wj + 1 * L);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                a0_1 = x0.fma(w1, a0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xr + j + 1 * xStep]);
                a1_0 = x1.fma(w0, a1_0);
                a1_1 = x1.fma(w1, a1_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xr + j + 2 * xStep]);
                a2_0 = x2.fma(w0, a2_0);
                a2_1 = x2.fma(w1, a2_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xr + j + 3 * xStep]);
                a3_0 = x3.fma(w0, a3_0);
                a3_1 = x3.fma(w1, a3_1);
                FloatVector x4 = FloatVector.broadcast(S, x[xr + j + 4 * xStep]);
                a4_0 = x4.fma(w0, a4_0);
                a4_1 = x4.fma(w1, a4_1);
                FloatVector x5 = FloatVector.broadcast(S, x[xr + j + 5 * xStep]);
                a5_0 = x5.fma(w0, a5_0);
                a5_1 = x5.fma(w1, a5_1);
                FloatVector x6 = FloatVector.broadcast(S, x[xr + j + 6 * xStep]);
                a6_0 = x6.fma(w0, a6_0);
                a6_1 = x6.fma(w1, a6_1);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a0_1.intoArray(tile, 1 * L);
        a1_0.intoArray(tile, 2 * L);
        a1_1.intoArray(tile, 3 * L);
        a2_0.intoArray(tile, 4 * L);
        a2_1.intoArray(tile, 5 * L);
        a3_0.intoArray(tile, 6 * L);
        a3_1.intoArray(tile, 7 * L);
        a4_0.intoArray(tile, 8 * L);
        a4_1.intoArray(tile, 9 * L);
        a5_0.intoArray(tile, 10 * L);
        a5_1.intoArray(tile, 11 * L);
        a6_0.intoArray(tile, 12 * L);
        a6_1.intoArray(tile, 13 * L);
    }

    static void f4x2(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S), a0_1 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S), a1_1 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S), a2_1 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S), a3_1 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector w1 = FloatVector.fromArray(S, w, wj + 1 * L);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                a0_1 = x0.fma(w1, a0_1);
                FloatVector x1 = FloatVector.broadcast(S, x[xr + j + 1 * xStep]);
                a1_0 = x1.fma(w0, a1_0);
                a1_1 = x1.fma(w1, a1_1);
                FloatVector x2 = FloatVector.broadcast(S, x[xr + j + 2 * xStep]);
                a2_0 = x2.fma(w0, a2_0);
                a2_1 = x2.fma(w1, a2_1);
                FloatVector x3 = FloatVector.broadcast(S, x[xr + j + 3 * xStep]);
                a3_0 = x3.fma(w0, a3_0);
                a3_1 = x3.fma(w1, a3_1);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a0_1.intoArray(tile, 1 * L);
        a1_0.intoArray(tile, 2 * L);
        a1_1.intoArray(tile, 3 * L);
        a2_0.intoArray(tile, 4 * L);
        a2_1.intoArray(tile, 5 * L);
        a3_0.intoArray(tile, 6 * L);
        a3_1.intoArray(tile, 7 * L);
    }

    static void f4x1(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xr + j + 1 * xStep]);
                a1_0 = x1.fma(w0, a1_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xr + j + 2 * xStep]);
                a2_0 = x2.fma(w0, a2_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xr + j + 3 * xStep]);
                a3_0 = x3.fma(w0, a3_0);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a1_0.intoArray(tile, 1 * L);
        a2_0.intoArray(tile, 2 * L);
        a3_0.intoArray(tile, 3 * L);
    }

    static void f14x1(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S);
        FloatVector a1_0 = FloatVector.zero(S);
        FloatVector a2_0 = FloatVector.zero(S);
        FloatVector a3_0 = FloatVector.zero(S);
        FloatVector a4_0 = FloatVector.zero(S);
        FloatVector a5_0 = FloatVector.zero(S);
        FloatVector a6_0 = FloatVector.zero(S);
        FloatVector a7_0 = FloatVector.zero(S);
        FloatVector a8_0 = FloatVector.zero(S);
        FloatVector a9_0 = FloatVector.zero(S);
        FloatVector a10_0 = FloatVector.zero(S);
        FloatVector a11_0 = FloatVector.zero(S);
        FloatVector a12_0 = FloatVector.zero(S);
        FloatVector a13_0 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                FloatVector x1 = FloatVector.broadcast(S, x[xr + j + 1 * xStep]);
                a1_0 = x1.fma(w0, a1_0);
                FloatVector x2 = FloatVector.broadcast(S, x[xr + j + 2 * xStep]);
                a2_0 = x2.fma(w0, a2_0);
                FloatVector x3 = FloatVector.broadcast(S, x[xr + j + 3 * xStep]);
                a3_0 = x3.fma(w0, a3_0);
                FloatVector x4 = FloatVector.broadcast(S, x[xr + j + 4 * xStep]);
                a4_0 = x4.fma(w0, a4_0);
                FloatVector x5 = FloatVector.broadcast(S, x[xr + j + 5 * xStep]);
                a5_0 = x5.fma(w0, a5_0);
                FloatVector x6 = FloatVector.broadcast(S, x[xr + j + 6 * xStep]);
                a6_0 = x6.fma(w0, a6_0);
                FloatVector x7 = FloatVector.broadcast(S, x[xr + j + 7 * xStep]);
                a7_0 = x7.fma(w0, a7_0);
                FloatVector x8 = FloatVector.broadcast(S, x[xr + j + 8 * xStep]);
                a8_0 = x8.fma(w0, a8_0);
                FloatVector x9 = FloatVector.broadcast(S, x[xr + j + 9 * xStep]);
                a9_0 = x9.fma(w0, a9_0);
                FloatVector x10 = FloatVector.broadcast(S, x[xr + j + 10 * xStep]);
                a10_0 = x10.fma(w0, a10_0);
                FloatVector x11 = FloatVector.broadcast(S, x[xr + j + 11 * xStep]);
                a11_0 = x11.fma(w0, a11_0);
                FloatVector x12 = FloatVector.broadcast(S, x[xr + j + 12 * xStep]);
                a12_0 = x12.fma(w0, a12_0);
                FloatVector x13 = FloatVector.broadcast(S, x[xr + j + 13 * xStep]);
                a13_0 = x13.fma(w0, a13_0);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a1_0.intoArray(tile, 1 * L);
        a2_0.intoArray(tile, 2 * L);
        a3_0.intoArray(tile, 3 * L);
        a4_0.intoArray(tile, 4 * L);
        a5_0.intoArray(tile, 5 * L);
        a6_0.intoArray(tile, 6 * L);
        a7_0.intoArray(tile, 7 * L);
        a8_0.intoArray(tile, 8 * L);
        a9_0.intoArray(tile, 9 * L);
        a10_0.intoArray(tile, 10 * L);
        a11_0.intoArray(tile, 11 * L);
        a12_0.intoArray(tile, 12 * L);
        a13_0.intoArray(tile, 13 * L);
    }

    static void f1x1(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
            }
        }
        a0_0.intoArray(tile, 0 * L);
    }

    static void f1x2(float[] x, int xo, int xStep, int xRow, float[] w, int wo, int fp, int kh, int kwc, float[] tile) {
        FloatVector a0_0 = FloatVector.zero(S), a0_1 = FloatVector.zero(S);
        for (int r = 0; r < kh; r++) {
            int xr = xo + r * xRow;
            int wr = wo + r * kwc * fp;
            for (int j = 0; j < kwc; j++) {
                int wj = wr + j * fp;
                FloatVector w0 = FloatVector.fromArray(S, w, wj);
                FloatVector w1 = FloatVector.fromArray(S, w, wj + 1 * L);
                FloatVector x0 = FloatVector.broadcast(S, x[xr + j]);
                a0_0 = x0.fma(w0, a0_0);
                a0_1 = x0.fma(w1, a0_1);
            }
        }
        a0_0.intoArray(tile, 0 * L);
        a0_1.intoArray(tile, 1 * L);
    }

    static void g8x1(float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp, int rows, int pixels, float[] gw, int wo) {
        FloatVector a0_0 = FloatVector.fromArray(S, gw, wo + 0 * fp + 0 * L);
        FloatVector a1_0 = FloatVector.fromArray(S, gw, wo + 1 * fp + 0 * L);
        FloatVector a2_0 = FloatVector.fromArray(S, gw, wo + 2 * fp + 0 * L);
        FloatVector a3_0 = FloatVector.fromArray(S, gw, wo + 3 * fp + 0 * L);
        FloatVector a4_0 = FloatVector.fromArray(S, gw, wo + 4 * fp + 0 * L);
        FloatVector a5_0 = FloatVector.fromArray(S, gw, wo + 5 * fp + 0 * L);
        FloatVector a6_0 = FloatVector.fromArray(S, gw, wo + 6 * fp + 0 * L);
        FloatVector a7_0 = FloatVector.fromArray(S, gw, wo + 7 * fp + 0 * L);
        for (int row = 0; row < rows; row++) {
        for (int p = 0; p < pixels; p++) {
            int xp = xo + row * xRow + p * xStep;
            int gp = go + row * gyRow + p * fp;
            FloatVector g0 = FloatVector.fromArray(S, gy, gp);
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a0_0 = x0.fma(g0, a0_0);
            FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
            a1_0 = x1.fma(g0, a1_0);
            FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
            a2_0 = x2.fma(g0, a2_0);
            FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
            a3_0 = x3.fma(g0, a3_0);
            FloatVector x4 = FloatVector.broadcast(S, x[xp + 4]);
            a4_0 = x4.fma(g0, a4_0);
            FloatVector x5 = FloatVector.broadcast(S, x[xp + 5]);
            a5_0 = x5.fma(g0, a5_0);
            FloatVector x6 = FloatVector.broadcast(S, x[xp + 6]);
            a6_0 = x6.fma(g0, a6_0);
            FloatVector x7 = FloatVector.broadcast(S, x[xp + 7]);
            a7_0 = x7.fma(g0, a7_0);
        }
        }
        a0_0.intoArray(gw, wo + 0 * fp + 0 * L);
        a1_0.intoArray(gw, wo + 1 * fp + 0 * L);
        a2_0.intoArray(gw, wo + 2 * fp + 0 * L);
        a3_0.intoArray(gw, wo + 3 * fp + 0 * L);
        a4_0.intoArray(gw, wo + 4 * fp + 0 * L);
        a5_0.intoArray(gw, wo + 5 * fp + 0 * L);
        a6_0.intoArray(gw, wo + 6 * fp + 0 * L);
        a7_0.intoArray(gw, wo + 7 * fp + 0 * L);
    }

    static void g8x2(float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp, int rows, int pixels, float[] gw, int wo) {
        FloatVector a0_0 = FloatVector.fromArray(S, gw, wo + 0 * fp + 0 * L), a0_1 = FloatVector.fromArray(S, gw, wo + 0 * fp + 1 * L);
        FloatVector a1_0 = FloatVector.fromArray(S, gw, wo + 1 * fp + 0 * L), a1_1 = FloatVector.fromArray(S, gw, wo + 1 * fp + 1 * L);
        FloatVector a2_0 = FloatVector.fromArray(S, gw, wo + 2 * fp + 0 * L), a2_1 = FloatVector.fromArray(S, gw, wo + 2 * fp + 1 * L);
        FloatVector a3_0 = FloatVector.fromArray(S, gw, wo + 3 * fp + 0 * L), a3_1 = FloatVector.fromArray(S, gw, wo + 3 * fp + 1 * L);
        FloatVector a4_0 = FloatVector.fromArray(S, gw, wo + 4 * fp + 0 * L), a4_1 = FloatVector.fromArray(S, gw, wo + 4 * fp + 1 * L);
        FloatVector a5_0 = FloatVector.fromArray(S, gw, wo + 5 * fp + 0 * L), a5_1 = FloatVector.fromArray(S, gw, wo + 5 * fp + 1 * L);
        FloatVector a6_0 = FloatVector.fromArray(S, gw, wo + 6 * fp + 0 * L), a6_1 = FloatVector.fromArray(S, gw, wo + 6 * fp + 1 * L);
        FloatVector a7_0 = FloatVector.fromArray(S, gw, wo + 7 * fp + 0 * L), a7_1 = FloatVector.fromArray(S, gw, wo + 7 * fp + 1 * L);
        for (int row = 0; row < rows; row++) {
        for (int p = 0; p < pixels; p++) {
            int xp = xo + row * xRow + p * xStep;
            int gp = go + row * gyRow + p * fp;
            FloatVector g0 = FloatVector.fromArray(S, gy, gp);
            FloatVector g1 = FloatVector.fromArray(S, gy, gp + 1 * L);
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a0_0 = x0.fma(g0, a0_0);
            a0_1 = x0.fma(g1, a0_1);
            FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
            a1_0 = x1.fma(g0, a1_0);
            a1_1 = x1.fma(g1, a1_1);
            FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
            a2_0 = x2.fma(g0, a2_0);
            a2_1 = x2.fma(g1, a2_1);
            FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
            a3_0 = x3.fma(g0, a3_0);
            a3_1 = x3.fma(g1, a3_1);
            FloatVector x4 = FloatVector.broadcast(S, x[xp + 4]);
            a4_0 = x4.fma(g0, a4_0);
            a4_1 = x4.fma(g1, a4_1);
            FloatVector x5 = FloatVector.broadcast(S, x[xp + 5]);
            a5_0 = x5.fma(g0, a5_0);
            a5_1 = x5.fma(g1, a5_1);
            FloatVector x6 = FloatVector.broadcast(S, x[xp + 6]);
            a6_0 = x6.fma(g0, a6_0);
            a6_1 = x6.fma(g1, a6_1);
            FloatVector x7 = FloatVector.broadcast(S, x[xp + 7]);
            a7_0 = x7.fma(g0, a7_0);
            a7_1 = x7.fma(g1, a7_1);
        }
        }
        a0_0.intoArray(gw, wo + 0 * fp + 0 * L);
        a0_1.intoArray(gw, wo + 0 * fp + 1 * L);
        a1_0.intoArray(gw, wo + 1 * fp + 0 * L);
        a1_1.intoArray(gw, wo + 1 * fp + 1 * L);
        a2_0.intoArray(gw, wo + 2 * fp + 0 * L);
        a2_1.intoArray(gw, wo + 2 * fp + 1 * L);
        a3_0.intoArray(gw, wo + 3 * fp + 0 * L);
        a3_1.intoArray(gw, wo + 3 * fp + 1 * L);
        a4_0.intoArray(gw, wo + 4 * fp + 0 * L);
        a4_1.intoArray(gw, wo + 4 * fp + 1 * L);
        a5_0.intoArray(gw, wo + 5 * fp + 0 * L);
        a5_1.intoArray(gw, wo + 5 * fp + 1 * L);
        a6_0.intoArray(gw, wo + 6 * fp + 0 * L);
        a6_1.intoArray(gw, wo + 6 * fp + 1 * L);
        a7_0.intoArray(gw, wo + 7 * fp + 0 * L);
        a7_1.intoArray(gw, wo + 7 * fp + 1 * L);
    }

    static void g4x2(float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp, int rows, int pixels, float[] gw, int wo) {
        FloatVector a0_0 = FloatVector.fromArray(S, gw, wo + 0 * fp + 0 * L), a0_1 = FloatVector.fromArray(S, gw, wo + 0 * fp + 1 * L);
        FloatVector a1_0 = FloatVector.fromArray(S, gw, wo + 1 * fp + 0 * L), a1_1 = FloatVector.fromArray(S, gw, wo + 1 * fp + 1 * L);
        FloatVector a2_0 = FloatVector.fromArray(S, gw, wo + 2 * fp + 0 * L), a2_1 = FloatVector.fromArray(S, gw, wo + 2 * fp + 1 * L);
        FloatVector a3_0 = FloatVector.fromArray(S, gw, wo + 3 * fp + 0 * L), a3_1 = FloatVector.fromArray(S, gw, wo + 3 * fp + 1 * L);
        for (int row = 0; row < rows; row++) {
        for (int p = 0; p < pixels; p++) {
            int xp = xo + row * xRow + p * xStep;
            int gp = go + row * gyRow + p * fp;
            FloatVector g0 = FloatVector.fromArray(S, gy, gp);
            FloatVector g1 = FloatVector.fromArray(S, gy, gp + 1 * L);
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a0_0 = x0.fma(g0, a0_0);
            a0_1 = x0.fma(g1, a0_1);
            FloatVector x1 = FloatVector.broadcast(S, x[xp + 1]);
            a1_0 = x1.fma(g0, a1_0);
            a1_1 = x1.fma(g1, a1_1);
            FloatVector x2 = FloatVector.broadcast(S, x[xp + 2]);
            a2_0 = x2.fma(g0, a2_0);
            a2_1 = x2.fma(g1, a2_1);
            FloatVector x3 = FloatVector.broadcast(S, x[xp + 3]);
            a3_0 = x3.fma(g0, a3_0);
            a3_1 = x3.fma(g1, a3_1);
        }
        }
        a0_0.intoArray(gw, wo + 0 * fp + 0 * L);
        a0_1.intoArray(gw, wo + 0 * fp + 1 * L);
        a1_0.intoArray(gw, wo + 1 * fp + 0 * L);
        a1_1.intoArray(gw, wo + 1 * fp + 1 * L);
        a2_0.intoArray(gw, wo + 2 * fp + 0 * L);
        a2_1.intoArray(gw, wo + 2 * fp + 1 * L);
        a3_0.intoArray(gw, wo + 3 * fp + 0 * L);
        a3_1.intoArray(gw, wo + 3 * fp + 1 * L);
    }

    static void g1x1(float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp, int rows, int pixels, float[] gw, int wo) {
        FloatVector a0_0 = FloatVector.fromArray(S, gw, wo + 0 * fp + 0 * L);
        for (int row = 0; row < rows; row++) {
        for (int p = 0; p < pixels; p++) {
            int xp = xo + row * xRow + p * xStep;
            int gp = go + row * gyRow + p * fp;
            FloatVector g0 = FloatVector.fromArray(S, gy, gp);
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a0_0 = x0.fma(g0, a0_0);
        }
        }
        a0_0.intoArray(gw, wo + 0 * fp + 0 * L);
    }

    static void g1x2(float[] x, int xo, int xStep, int xRow, float[] gy, int go, int gyRow, int fp, int rows, int pixels, float[] gw, int wo) {
        FloatVector a0_0 = FloatVector.fromArray(S, gw, wo + 0 * fp + 0 * L), a0_1 = FloatVector.fromArray(S, gw, wo + 0 * fp + 1 * L);
        for (int row = 0; row < rows; row++) {
        for (int p = 0; p < pixels; p++) {
            int xp = xo + row * xRow + p * xStep;
            int gp = go + row * gyRow + p * fp;
            FloatVector g0 = FloatVector.fromArray(S, gy, gp);
            FloatVector g1 = FloatVector.fromArray(S, gy, gp + 1 * L);
            FloatVector x0 = FloatVector.broadcast(S, x[xp]);
            a0_0 = x0.fma(g0, a0_0);
            a0_1 = x0.fma(g1, a0_1);
        }
        }
        a0_0.intoArray(gw, wo + 0 * fp + 0 * L);
        a0_1.intoArray(gw, wo + 0 * fp + 1 * L);
    }
}
