package dev.nabla.bench;

import dev.nabla.kernel.BinaryOp;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Memory-bound kernels on 1M floats: add, relu, relu backward, sum, axpy. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC"})
public class ElementwiseBenchmark {
    private static final int N = 1 << 20;
    private Kernels kernels;
    private float[] x;
    private float[] y;
    private float[] out;

    @Setup
    public void setUp() {
        kernels = KernelProvider.get();
        SplittableRandom rnd = new SplittableRandom(7);
        x = new float[N];
        y = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
            y[i] = (float) rnd.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public float[] add() {
        kernels.binary(BinaryOp.ADD, 0f, x, 0, 1, y, 0, 1, out, 0, N);
        return out;
    }

    @Benchmark
    public float[] relu() {
        kernels.unary(UnaryOp.RELU, 0f, 0f, x, 0, out, 0, N);
        return out;
    }

    @Benchmark
    public float[] reluBackward() {
        kernels.binary(BinaryOp.RELU_BACKWARD, 0f, x, 0, 1, y, 0, 1, out, 0, N);
        return out;
    }

    @Benchmark
    public float sum() {
        return kernels.sum(x, 0, N);
    }

    @Benchmark
    public float[] axpy() {
        kernels.axpy(N, 0.5f, x, 0, out, 0);
        return out;
    }
}
