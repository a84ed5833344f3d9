package dev.nabla.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a test class's {@code main} in a child JVM started with {@code -XX:UseAVX=2}, where the preferred
 * vector species is 256 bits, so the 8-lane kernels of AVX2-only machines are exercised on this one too.
 */
public final class Avx2ChildJvm {
    private Avx2ChildJvm() {
    }

    /** Runs main's class (2 kernel threads) and checks it exits 0 and prints {@code expected}. */
    public static void run(Class<?> main, String expected) throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "-XX:UseAVX is an x86 flag");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:UseAVX=2", "--add-modules", "jdk.incubator.vector",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Dnabla.poisonFresh=true",
                "-Dnabla.threads=2", "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child JVM timed out");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(expected), output);
    }
}
