package dev.nabla.bench;

import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Square SGEMM C = A * B through the chosen kernels, for the transposes NN, NT and TN.
 * GFLOP/s = 2 n^3 / (time per op); threads follow {@code -Dnabla.threads} (default: all cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    public int n;

    @Param({"NN", "NT", "TN"})
    public String transposes;

    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;
    private boolean transA;
    private boolean transB;

    @Setup
    public void setUp() {
        kernels = KernelProvider.get();
        SplittableRandom rnd = new SplittableRandom(42);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        transA = transposes.charAt(0) == 'T';
        transB = transposes.charAt(1) == 'T';
    }

    @Benchmark
    public float[] gemm() {
        kernels.gemm(transA, transB, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }
}
