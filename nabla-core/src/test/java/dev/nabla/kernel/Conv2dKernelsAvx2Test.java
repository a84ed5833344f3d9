package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The direct convolution with 8-lane vectors, as on AVX2-only machines: {@link Conv2dKernelsTest}'s equality
 * checks run again in a child JVM started with {@code -XX:UseAVX=2}, where the preferred species is 256 bits,
 * so the 6x2 and 7x1 kernels, the scalar transposes and the 8-lane weight-gradient kernels are the ones exercised.
 */
class Conv2dKernelsAvx2Test {
    @Test
    void kernelsMatchScalarWith256BitVectors() throws IOException, InterruptedException {
        Avx2ChildJvm.run(Conv2dKernelsAvx2Test.class, "conv kernels ok with 8 lanes");
    }

    /** The child JVM: runs the equality checks and reports the vector length it ran with. */
    public static void main(String[] args) {
        Conv2dKernelsTest t = new Conv2dKernelsTest();
        t.forwardMatchesScalar();
        t.forwardAccumulatesOntoOldContents();
        t.inputGradientMatchesScalar();
        t.weightGradientMatchesScalar();
        t.knownValues();
        System.out.println("conv kernels ok with " + ConvMicroKernels.L + " lanes");
    }
}
