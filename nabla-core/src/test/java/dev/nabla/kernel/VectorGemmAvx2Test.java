package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * The GEMM with 8-lane vectors, as on AVX2-only machines: {@link VectorGemmTest}'s comparisons with the
 * scalar GEMM run again in a child JVM started with {@code -XX:UseAVX=2}, where the preferred species is
 * 256 bits and the fenced 6x2 micro-kernel (6 rows x 16 columns) is the one chosen.
 */
class VectorGemmAvx2Test {
    @Test
    void gemmMatchesScalarWith256BitVectors() throws IOException, InterruptedException {
        Avx2ChildJvm.run(VectorGemmAvx2Test.class, "gemm ok with 8 lanes, kernel 6x16");
    }

    /** The child JVM: runs the comparisons and reports the vector length and micro-kernel it ran with. */
    public static void main(String[] args) {
        VectorGemmTest t = new VectorGemmTest();
        t.smallShapesAllTransposes();
        t.kOfZeroAndOneAndAlphaZero();
        t.shapesCrossingEveryBlockBoundary();
        t.bReadInPlaceAndPackedWithTailsOfEveryKind();
        t.wideNPanelsBeyondNc();
        t.threadedManyPanelsAndDepths();
        t.sameResultsWithThreadingOff();
        t.sharedPanelModeMatchesScalar();
        t.packedBPanelsByRowsOnOneAndSharedThreads();
        t.knownProduct();
        System.out.println("gemm ok with " + GemmMicroKernels.L + " lanes, kernel " + VectorGemm.MR + "x" + VectorGemm.NR);
    }
}
