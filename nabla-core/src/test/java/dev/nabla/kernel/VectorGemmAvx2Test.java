package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GEMM with 8-lane vectors, as on AVX2-only machines: {@link VectorGemmTest}'s comparisons with the
 * scalar GEMM run again in a child JVM started with {@code -XX:UseAVX=2}, where the preferred species is
 * 256 bits and the fenced 6x2 micro-kernel (6 rows x 16 columns) is the one chosen.
 */
class VectorGemmAvx2Test {
    @Test
    void gemmMatchesScalarWith256BitVectors() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:UseAVX=2", "--add-modules", "jdk.incubator.vector",
                "-Dnabla.threads=2", "-cp", System.getProperty("java.class.path"), VectorGemmAvx2Test.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("gemm ok with 8 lanes, kernel 6x16"), output);
    }

    /** The child JVM: runs the comparisons and reports the vector length and micro-kernel it ran with. */
    public static void main(String[] args) {
        VectorGemmTest t = new VectorGemmTest();
        t.smallShapesAllTransposes();
        t.kOfZeroAndOneAndAlphaZero();
        t.shapesCrossingEveryBlockBoundary();
        t.wideNPanelsBeyondNc();
        t.threadedManyPanelsAndDepths();
        t.sameResultsWithThreadingOff();
        t.sharedPanelModeMatchesScalar();
        t.knownProduct();
        System.out.println("gemm ok with " + GemmMicroKernels.L + " lanes, kernel " + VectorGemm.MR + "x" + VectorGemm.NR);
    }
}
