package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The 8-lane Box-Muller equals the scalar reference bit for bit (torch equality itself: TorchRngTest). */
class NormalFillTest {
    @Test
    void vectorAndScalarTransformsAreBitIdentical() {
        Generator g = new Generator(123);
        int n = 16 * 20000;
        float[] a = new float[n];
        g.fillUniform(a, 0, n, 0, 1);
        // the extremes of the uniform grid: u = 0 (u1 = 1) and the largest u (u1 = 2^-24)
        a[0] = 0f;
        a[1] = 1f - 0x1.0p-24f;
        a[8] = 0f;
        a[9] = 1f - 0x1.0p-24f;
        float[] b = a.clone();
        for (int i = 0; i < n; i += 16) {
            NormalFill.transform16Scalar(a, i, 0.25f, 1.5f);
            NormalFillVector.transform16(b, i, 0.25f, 1.5f);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "at " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
