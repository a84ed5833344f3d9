package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The direct Vector API convolution equals the scalar twin: forward, input gradient, weight gradient. */
class Conv2dKernelsTest {
    private static float[] random(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static void close(float[] expected, float[] actual, float tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                fail(what + " differs at " + i + ": scalar " + expected[i] + " vector " + actual[i]);
            }
        }
    }

    /** n, c, h, w, f, kh, kw, sh, sw, ph, pw */
    private static final int[][] CASES = {
        {2, 16, 14, 14, 32, 5, 5, 1, 1, 2, 2},   // the bench layer
        {3, 1, 28, 28, 16, 5, 5, 1, 1, 2, 2},    // first layer: one channel
        {2, 3, 9, 11, 5, 3, 3, 1, 1, 1, 1},      // odd sizes, filters not a multiple of the vector
        {1, 4, 7, 6, 17, 3, 2, 1, 1, 0, 1},      // rectangular kernel, asymmetric padding
        {2, 5, 10, 9, 8, 3, 3, 2, 2, 1, 1},      // stride 2 (input gradient takes the scalar path)
        {1, 2, 5, 5, 3, 1, 1, 1, 1, 0, 0},       // 1x1
        {1, 2, 4, 4, 2, 4, 4, 1, 1, 0, 0},       // kernel as large as the input: 1x1 output
        {2, 7, 13, 20, 33, 3, 3, 1, 3, 1, 2},    // stride only in width
        {2, 3, 4, 5, 9, 3, 3, 1, 1, 3, 1},       // padding 3 > kernel 3: the first and last output rows see no input
        {1, 2, 6, 5, 4, 5, 3, 2, 1, 4, 0},       // stride 2 with 4 padding rows: windows cut at top and bottom
        // enough images that each image is a task of its own (pixel-major buffer, then NCHW planes)
        {5, 16, 14, 14, 32, 5, 5, 1, 1, 2, 2},   // the bench layer: one 14-pixel block per row
        {5, 1, 28, 28, 16, 5, 5, 1, 1, 2, 2},    // first layer: one filter vector
        {6, 3, 9, 23, 5, 3, 3, 1, 1, 1, 1},      // 23 = 14 + 7 + 1 + 1 pixels, filters not a multiple of the vector
        {4, 5, 10, 9, 40, 3, 3, 2, 2, 1, 1},     // stride 2, filters = 2 vectors + a tail
        {5, 7, 13, 20, 33, 3, 3, 1, 3, 1, 2},    // stride only in width
        {4, 2, 6, 31, 3, 2, 4, 1, 1, 0, 1},      // rectangular kernel, 30 output pixels a row
        // edge columns (skipped padding columns): padding 3 = kernel 3, so the outer columns read only padding
        {4, 8, 6, 7, 9, 3, 3, 1, 1, 1, 3},
        {5, 16, 5, 9, 12, 3, 5, 1, 2, 2, 2},     // stride 2 in width: edge columns cut on both sides
        {4, 3, 3, 2, 5, 3, 5, 1, 1, 1, 2},       // every output column is an edge column
    };

    @Test
    void forwardMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int[] t : CASES) {
            int n = t[0], c = t[1], h = t[2], w = t[3], f = t[4], kh = t[5], kw = t[6];
            int sh = t[7], sw = t[8], ph = t[9], pw = t[10];
            int oh = (h + 2 * ph - kh) / sh + 1;
            int ow = (w + 2 * pw - kw) / sw + 1;
            float[] x = random(rnd, 3 + n * c * h * w);
            float[] wt = random(rnd, 1 + f * c * kh * kw);
            float[] bias = random(rnd, 2 + f);
            float[] ref = new float[4 + n * f * oh * ow];
            float[] got = new float[4 + n * f * oh * ow];
            got[0] = 42f;
            ref[0] = 42f;
            Conv2dScalar.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, bias, 2, sh, sw, ph, pw, ref, 1);
            Conv2dKernels.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, bias, 2, sh, sw, ph, pw, got, 1);
            close(ref, got, 1e-5f * c * kh * kw, "forward " + java.util.Arrays.toString(t));
            assertEquals(42f, got[0]);
            Conv2dKernels.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, null, 0, sh, sw, ph, pw, got, 1);
            Conv2dScalar.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, null, 0, sh, sw, ph, pw, ref, 1);
            close(ref, got, 1e-5f * c * kh * kw, "forward without bias " + java.util.Arrays.toString(t));
            // the allocating variant (the output array is allocated while other threads compute)
            float[] fresh = Conv2dKernels.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, bias, 2, sh, sw, ph, pw);
            assertEquals(n * f * oh * ow, fresh.length);
            Conv2dScalar.forward(x, 3, n, c, h, w, wt, 1, f, kh, kw, bias, 2, sh, sw, ph, pw, ref, 1);
            close(java.util.Arrays.copyOfRange(ref, 1, 1 + fresh.length), fresh, 1e-5f * c * kh * kw,
                    "allocating forward " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void allocatingForwardWithManyImages() {
        // more images than the pending buffers of the threads that wait for the output array
        SplittableRandom rnd = new SplittableRandom(25);
        int n = 41, c = 16, h = 7, w = 9, f = 20, k = 3;
        float[] x = random(rnd, n * c * h * w);
        float[] wt = random(rnd, f * c * k * k);
        float[] bias = random(rnd, f);
        float[] ref = new float[n * f * h * w];
        Conv2dScalar.forward(x, 0, n, c, h, w, wt, 0, f, k, k, bias, 0, 1, 1, 1, 1, ref, 0);
        for (int rep = 0; rep < 20; rep++) {
            close(ref, Conv2dKernels.forward(x, 0, n, c, h, w, wt, 0, f, k, k, bias, 0, 1, 1, 1, 1), 1e-5f * c * k * k,
                    "allocating forward, repetition " + rep);
        }
    }

    @Test
    void forwardAccumulatesOntoOldContents() {
        SplittableRandom rnd = new SplittableRandom(24);
        for (int[] t : CASES) {
            int n = t[0], c = t[1], h = t[2], w = t[3], f = t[4], kh = t[5], kw = t[6];
            int sh = t[7], sw = t[8], ph = t[9], pw = t[10];
            int oh = (h + 2 * ph - kh) / sh + 1;
            int ow = (w + 2 * pw - kw) / sw + 1;
            float[] x = random(rnd, n * c * h * w);
            float[] wt = random(rnd, f * c * kh * kw);
            float[] bias = random(rnd, f);
            float[] old = random(rnd, n * f * oh * ow);
            float[] ref = new float[old.length];
            Conv2dScalar.forward(x, 0, n, c, h, w, wt, 0, f, kh, kw, bias, 0, sh, sw, ph, pw, ref, 0);
            for (int i = 0; i < ref.length; i++) {
                ref[i] += old[i];
            }
            float[] got = old.clone();
            Conv2dKernels.forward(x, 0, n, c, h, w, wt, 0, f, kh, kw, bias, 0, sh, sw, ph, pw, got, 0, true);
            close(ref, got, 1e-5f * c * kh * kw + 1e-6f, "accumulated forward " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void inputGradientMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int[] t : CASES) {
            int n = t[0], c = t[1], h = t[2], w = t[3], f = t[4], kh = t[5], kw = t[6];
            int sh = t[7], sw = t[8], ph = t[9], pw = t[10];
            int oh = (h + 2 * ph - kh) / sh + 1;
            int ow = (w + 2 * pw - kw) / sw + 1;
            float[] gy = random(rnd, 2 + n * f * oh * ow);
            float[] wt = random(rnd, f * c * kh * kw);
            float[] ref = random(rnd, 1 + n * c * h * w);
            float[] got = random(rnd, 1 + n * c * h * w); // garbage: must be overwritten
            got[0] = ref[0];
            Conv2dScalar.backwardInput(gy, 2, wt, 0, n, c, h, w, f, kh, kw, sh, sw, ph, pw, ref, 1);
            Conv2dKernels.backwardInput(gy, 2, wt, 0, n, c, h, w, f, kh, kw, sh, sw, ph, pw, got, 1);
            close(ref, got, 1e-5f * f * kh * kw, "input gradient " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void weightGradientMatchesScalar() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int[] t : CASES) {
            int n = t[0], c = t[1], h = t[2], w = t[3], f = t[4], kh = t[5], kw = t[6];
            int sh = t[7], sw = t[8], ph = t[9], pw = t[10];
            int oh = (h + 2 * ph - kh) / sh + 1;
            int ow = (w + 2 * pw - kw) / sw + 1;
            float[] gy = random(rnd, n * f * oh * ow);
            float[] x = random(rnd, 1 + n * c * h * w);
            float[] ref = random(rnd, 3 + f * c * kh * kw);
            float[] got = random(rnd, 3 + f * c * kh * kw);
            System.arraycopy(ref, 0, got, 0, 3);
            Conv2dScalar.backwardWeight(gy, 0, x, 1, n, c, h, w, f, kh, kw, sh, sw, ph, pw, ref, 3);
            Conv2dKernels.backwardWeight(gy, 0, x, 1, n, c, h, w, f, kh, kw, sh, sw, ph, pw, got, 3);
            close(ref, got, 1e-5f * n * oh * ow, "weight gradient " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void knownValues() {
        // 1 image, 1 channel 3x3 of 1..9, one 2x2 filter of ones, no padding: sums of each 2x2 window.
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] wt = {1, 1, 1, 1};
        float[] out = new float[4];
        Conv2dKernels.forward(x, 0, 1, 1, 3, 3, wt, 0, 1, 2, 2, new float[] {0.5f}, 0, 1, 1, 0, 0, out, 0);
        assertEquals(java.util.List.of(12.5f, 16.5f, 24.5f, 28.5f), java.util.List.of(out[0], out[1], out[2], out[3]));
        // The weight gradient for gy of ones is the sum of each window position over the output: [12,16,24,28].
        float[] gw = new float[4];
        Conv2dKernels.backwardWeight(new float[] {1, 1, 1, 1}, 0, x, 0, 1, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0, gw, 0);
        assertEquals(java.util.List.of(12f, 16f, 24f, 28f), java.util.List.of(gw[0], gw[1], gw[2], gw[3]));
    }
}
