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
 * The direct convolution with 8-lane vectors, as on AVX2-only machines: {@link Conv2dKernelsTest}'s equality
 * checks run again in a child JVM started with {@code -XX:UseAVX=2}, where the preferred species is 256 bits,
 * so the 6x2 and 7x1 kernels, the scalar transposes and the 8-lane weight-gradient kernels are the ones exercised.
 */
class Conv2dKernelsAvx2Test {
    @Test
    void kernelsMatchScalarWith256BitVectors() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:UseAVX=2", "--add-modules", "jdk.incubator.vector",
                "-Dnabla.threads=2", "-cp", System.getProperty("java.class.path"), Conv2dKernelsAvx2Test.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("conv kernels ok with 8 lanes"), output);
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
