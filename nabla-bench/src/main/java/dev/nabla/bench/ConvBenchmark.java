package dev.nabla.bench;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.functional.Convolution;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
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

import java.util.concurrent.TimeUnit;

/**
 * conv2d of the bench shape: N=100, C=16, 14x14, F=32, 5x5, padding 2 (0.502 GFLOP per forward).
 * {@code forward} runs without grad; {@code forwardBackward} also computes the input, weight and bias
 * gradients (about 3x the forward's work). Add {@code -jvmArgsAppend -Dnabla.conv.direct=false} to
 * time the im2col + GEMM path instead of the direct kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC"})
public class ConvBenchmark {
    private static final int[] ONE = {1};
    private static final int[] PAD = {2};
    private Tensor x;
    private Tensor w;
    private Tensor b;

    @Setup
    public void setUp() {
        Generator g = new Generator(3);
        x = Tensor.randn(g, 100, 16, 14, 14).requiresGrad(true);
        w = Tensor.randn(g, 32, 16, 5, 5).mul(0.05).requiresGrad(true);
        b = Tensor.randn(g, 32).requiresGrad(true);
    }

    @Benchmark
    public Tensor forward() {
        try (var ignored = GradMode.noGrad()) {
            return Convolution.conv2d(x, w, b, ONE, PAD, ONE, 1);
        }
    }

    @Benchmark
    public Tensor forwardBackward() {
        x.setGrad(null);
        w.setGrad(null);
        b.setGrad(null);
        Tensor y = Convolution.conv2d(x, w, b, ONE, PAD, ONE, 1);
        y.sum().backward();
        return w.grad();
    }
}
