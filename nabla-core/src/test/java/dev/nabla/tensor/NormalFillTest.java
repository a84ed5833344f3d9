package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The vector Box-Muller equals the scalar reference bit for bit, with this machine's preferred vectors and
 * (in a child JVM started with -XX:UseAVX=2) with 8-lane ones; torch equality itself: TorchRngTest.
 */
class NormalFillTest {
    @Test
    void vectorTransformIsBitIdenticalWith256BitVectorsToo() throws java.io.IOException, InterruptedException {
        dev.nabla.kernel.Avx2ChildJvm.run(NormalFillTest.class, "normal fill ok with 8 lanes");
    }

    /** The child JVM: runs the comparison and reports the vector length it ran with. */
    public static void main(String[] args) {
        new NormalFillTest().vectorAndScalarTransformsAreBitIdentical();
        System.out.println("normal fill ok with " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() + " lanes");
    }

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
