package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.kernel.KernelProvider;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Times conv2d forward + backward on the bench shape (N=100, C=16, 14x14, F=32, k=5, pad=2), the
 * baseline for a direct convolution kernel. Runs only with {@code -Dnabla.bench=true}.
 */
class ConvolutionTimingTest {
    @Test
    void benchShapeForwardBackward() {
        assumeTrue(Boolean.getBoolean("nabla.bench"), "set -Dnabla.bench=true to time conv2d");
        Generator g = new Generator(1);
        Tensor x = Tensor.randn(g, 100, 16, 14, 14).requiresGrad(true);
        Tensor w = Tensor.randn(g, 32, 16, 5, 5).mul(0.05).detach().requiresGrad(true);
        Tensor b = Tensor.zeros(32).requiresGrad(true);
        int reps = Integer.getInteger("nabla.bench.reps", 10);
        double[] fwd = new double[reps];
        double[] total = new double[reps];
        for (int r = -3; r < reps; r++) {   // 3 warm-up runs
            x.setGrad(null);
            w.setGrad(null);
            b.setGrad(null);
            long t0 = System.nanoTime();
            Tensor y = F.conv2d(x, w, b, 1, 2);
            long t1 = System.nanoTime();
            y.sum().backward();
            long t2 = System.nanoTime();
            assertArrayEquals(new int[] {100, 32, 14, 14}, y.shape());
            if (r >= 0) {
                fwd[r] = (t1 - t0) / 1e6;
                total[r] = (t2 - t0) / 1e6;
            }
        }
        Arrays.sort(fwd);
        Arrays.sort(total);
        System.out.printf(Locale.ROOT, "conv2d bench shape [kernels %s]: forward median %.1f ms, forward+backward"
                + " median %.1f ms (min %.1f) over %d runs%n", KernelProvider.get().name(), fwd[reps / 2],
                total[reps / 2], total[0], reps);
    }
}
